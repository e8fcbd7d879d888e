package io.lvnet.train;

import io.lvnet.data.BatchSource;

import io.lvnet.data.HostBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random faces in memory for trainer tests: fakes carry a bright square whose mask is the
 * ground truth, so there is something to learn. Each epoch shuffles by (seed, epoch).
 */
public final class ArrayBatchSource implements BatchSource {
    private final int size;
    private final int batch;
    private final long seed;
    private final List<float[]> images = new ArrayList<>();
    private final List<float[]> masks = new ArrayList<>();
    private final List<Long> labels = new ArrayList<>();

    public ArrayBatchSource(int faces, int size, int batch, long seed) {
        this.size = size;
        this.batch = batch;
        this.seed = seed;
        Random r = new Random(seed);
        for (int f = 0; f < faces; f++) {
            float[] img = new float[3 * size * size];
            float[] mask = new float[size * size];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) (r.nextGaussian() * 0.3);
            }
            long label = f % 2;
            if (label == 1) {
                int x0 = r.nextInt(size / 2);
                int y0 = r.nextInt(size / 2);
                for (int y = y0; y < y0 + size / 3; y++) {
                    for (int x = x0; x < x0 + size / 3; x++) {
                        mask[y * size + x] = 1;
                        for (int c = 0; c < 3; c++) {
                            img[(c * size + y) * size + x] += 0.8f;
                        }
                    }
                }
            }
            images.add(img);
            masks.add(mask);
            labels.add(label);
        }
    }

    @Override
    public int batchesPerEpoch() {
        return (images.size() + batch - 1) / batch;
    }

    @Override
    public long facesPerEpoch() {
        return images.size();
    }

    @Override
    public Iterator<HostBatch> epoch(int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 31 + epoch));
        List<HostBatch> out = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batch) {
            int n = Math.min(batch, order.size() - start);
            float[] img = new float[n * 3 * size * size];
            float[] mask = new float[n * size * size];
            long[] lab = new long[n];
            List<HostBatch.FaceInfo> faces = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int i = order.get(start + k);
                System.arraycopy(images.get(i), 0, img, k * 3 * size * size, 3 * size * size);
                System.arraycopy(masks.get(i), 0, mask, k * size * size, size * size);
                lab[k] = labels.get(i);
                faces.add(new HostBatch.FaceInfo("v" + i, 0, lab[k] == 1 ? "square" : "original", "raw"));
            }
            out.add(new HostBatch(n, size, img, lab, mask, null, faces));
        }
        return out.iterator();
    }
}
