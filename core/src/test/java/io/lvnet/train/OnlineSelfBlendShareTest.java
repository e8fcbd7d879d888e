package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.blend.SelfBlendSettings;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineSelfBlendShareTest {
    private static List<FrameRecord> batch(int reals, int fakes) {
        List<FrameRecord> out = new ArrayList<>();
        for (int i = 0; i < reals + fakes; i++) {
            boolean fake = i >= reals;
            String method = fake ? "Deepfakes" : FrameRecord.ORIGINAL;
            out.add(new FrameRecord("frames/" + method + "/v" + i + "/0.png", fake ? "m.png" : null, null, fake ? 1 : 0,
                    "v" + i, method, CompressionLevel.NONE, Split.TRAIN, "id" + i, null, 0, null));
        }
        return out;
    }

    private static OnlineSelfBlend blend(double share, boolean paired) {
        SelfBlendSettings d = SelfBlendSettings.DEFAULT;
        return new OnlineSelfBlend(new SelfBlendSettings(share, null, paired, d.regions(), d.transforms(), d.deform(),
                d.softenMin(), d.softenMax(), d.ratios()), share, null);
    }

    private static long blended(OnlineSelfBlend b, List<FrameRecord> batch) {
        return Arrays.stream(b.plan(batch, 11)).filter(p -> p >= 0).count();
    }

    @Test
    void blendsTakeTheFakesPlacesSoThatABalancedBatchKeepsEveryRealFace() {
        OnlineSelfBlend b = blend(0.25, true);
        List<FrameRecord> balanced = batch(8, 8);
        int[] plan = b.plan(balanced, 11);
        for (int i = 0; i < plan.length; i++) {
            if (plan[i] >= 0) {
                assertTrue(balanced.get(i).fake(), "a blend in place of real face " + i);
                assertTrue(!balanced.get(plan[i]).fake() && plan[plan[i]] < 0, "blend " + i + " made of " + plan[i]);
            }
        }
        assertEquals(4, blended(b, balanced));
        assertEquals(0.25, b.expectedShare(0.5), 1e-12);
        assertEquals("self-blends: 25 % of each batch, in place of fake faces first (25 % of the batch stays real fakes)",
                b.describeShare(0.5));
    }

    @Test
    void beyondTheFakesPairedBlendsTakeAtMostHalfTheRealFacesAndTheLogSaysSo() {
        List<FrameRecord> balanced = batch(8, 8);
        assertEquals(12, blended(blend(0.75, true), balanced));
        OnlineSelfBlend all = blend(1.0, true);
        int[] plan = all.plan(balanced, 11);
        assertEquals(12, Arrays.stream(plan).filter(p -> p >= 0).count());
        for (int p : plan) {
            assertTrue(p < 0 || (!balanced.get(p).fake() && plan[p] < 0), "every blend's real face stays real");
        }
        assertEquals(0.75, all.expectedShare(0.5), 1e-12);
        String line = all.describeShare(0.5);
        assertTrue(line.contains("about 75 % of each batch, not the 100 % asked") && line.contains("paired")
                && line.contains("50 % of the training faces are real"), line);
    }

    @Test
    void aShareTheRealFacesAllowIsWhatTheLogSays() {
        OnlineSelfBlend b = blend(0.5, true);
        assertEquals(8, blended(b, batch(16, 0)));
        assertEquals("self-blends: 50 % of each batch", b.describeShare(1.0));
        OnlineSelfBlend unpaired = blend(0.5, false);
        assertEquals(8, blended(unpaired, batch(8, 8)));
        assertEquals(16, blended(blend(1.0, false), batch(8, 8)));
    }

    @Test
    void withoutRealFacesNothingIsBlended() {
        assertEquals(0, blended(blend(0.5, true), batch(0, 16)));
        assertEquals(0, blend(0.5, true).expectedShare(0));
    }
}
