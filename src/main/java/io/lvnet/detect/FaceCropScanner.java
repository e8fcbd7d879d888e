package io.lvnet.detect;

import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.data.OpenCvImages;
import io.lvnet.model.LvNetModel;
import io.lvnet.model.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scores images that already are aligned face crops ({@code --face none}): each image is one
 * face, resized as the reference's test transform does, scored in batches.
 */
public final class FaceCropScanner {
    private final LvNetModel model;
    private final int batchSize;

    /** A scanner that scores up to {@code batchSize} faces per forward pass. */
    public FaceCropScanner(LvNetModel model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    /** One result per image, in order; unreadable images are reported, never fatal. */
    public List<FileResult> scan(List<Path> images, ProgressListener progress) {
        FileResult[] results = new FileResult[images.size()];
        List<Crop> pending = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            try {
                pending.add(load(i, image));
            } catch (IOException e) {
                results[i] = FileResult.failed(image.toString(), "image", message(image, e));
                progress.advance(1);
            }
            if (pending.size() == batchSize || (i == images.size() - 1 && !pending.isEmpty())) {
                score(pending, results);
                progress.advance(pending.size());
                pending.clear();
            }
        }
        return List.of(results);
    }

    private record Crop(int index, Path path, int width, int height, float[] input) {
    }

    private Crop load(int index, Path image) throws IOException {
        if (!Files.exists(image)) {
            throw new NoSuchFileException(image.toString());
        }
        try (Mat bgr = OpenCvImages.readBgr(image)) {
            return new Crop(index, image, bgr.cols(), bgr.rows(),
                    FaceCropPreprocessor.normalisedChw(bgr, model.config().inputSize()));
        }
    }

    private void score(List<Crop> crops, FileResult[] results) {
        int n = crops.size();
        int per = crops.get(0).input().length;
        float[] batch = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(crops.get(i).input(), 0, batch, i * per, per);
        }
        Predictions p = model.predict(batch, n);
        for (int i = 0; i < n; i++) {
            Crop c = crops.get(i);
            FaceResult face = new FaceResult(new int[] {0, 0, c.width(), c.height()},
                    p.fakeProbability()[i], p.logits()[i], p.patchMap()[i]);
            results[c.index()] = FileResult.of(c.path().toString(), "image", List.of(face));
        }
    }

    private static String message(Path image, IOException e) {
        if (e instanceof NoSuchFileException) {
            return image + ": no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
