package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitSamplerTest {
    /** 2 real videos and 6 fake ones (3 per method), 9 frames each. */
    private static List<FrameRecord> frames() {
        List<FrameRecord> out = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            boolean fake = v >= 2;
            String method = !fake ? FrameRecord.ORIGINAL : v < 5 ? "Deepfakes" : "FaceSwap";
            for (int f = 8; f >= 0; f--) { // listed out of order on purpose
                String video = "v" + v;
                out.add(new FrameRecord("frames/" + method + "/" + video + "/" + f + ".png", fake ? "m.png" : null, null,
                        fake ? 1 : 0, video, method, CompressionLevel.NONE, Split.TRAIN, "id" + v, null, f, null));
            }
        }
        return out;
    }

    @Test
    void everyKthFrameOfEachVideo() {
        List<FrameRecord> s = SplitSampler.sample(frames(), null, 3, false, false, 1);
        assertEquals(8 * 3, s.size());
        assertTrue(s.stream().allMatch(f -> f.frame() % 3 == 0), "frames 0, 3, 6 of each video");
        assertEquals(s.stream().sorted(Comparator.comparing(FrameRecord::image)).toList(), s, "sorted by path");
    }

    @Test
    void trainingRepeatsRealFramesToMatchTheFakesThenBalances() {
        List<FrameRecord> s = SplitSampler.sample(frames(), null, 3, true, true, 1);
        long real = s.stream().filter(f -> !f.fake()).count();
        long fake = s.stream().filter(FrameRecord::fake).count();
        assertEquals(18, fake);
        assertEquals(18, real); // 6 real frames repeated three times
        assertEquals(6, s.stream().filter(f -> !f.fake()).distinct().count());
    }

    @Test
    void methodsSelectFakesAndBalancingCutsTheLargerClass() {
        List<FrameRecord> s = SplitSampler.sample(frames(), Set.of("FaceSwap"), 1, false, true, 4);
        assertEquals(Set.of("FaceSwap", FrameRecord.ORIGINAL), s.stream().map(FrameRecord::method).collect(java.util.stream.Collectors.toSet()));
        assertEquals(18, s.stream().filter(FrameRecord::fake).count()); // 27 fakes cut to the 18 reals
        assertEquals(SplitSampler.sample(frames(), Set.of("FaceSwap"), 1, false, true, 4), s, "same seed, same draw");
        assertThrows(IllegalArgumentException.class, () -> SplitSampler.sample(frames(), null, 0, false, false, 1));
    }
}
