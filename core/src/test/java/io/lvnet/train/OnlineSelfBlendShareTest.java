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
    void pairedBlendsOfABalancedBatchAreAQuarterWhateverIsAskedAndTheLogSaysSo() {
        OnlineSelfBlend b = blend(0.75, true);
        List<FrameRecord> balanced = batch(8, 8);
        assertEquals(4, blended(b, balanced));
        assertEquals(0.25, b.expectedShare(0.5), 1e-12);
        String line = b.describeShare(0.5);
        assertTrue(line.contains("about 25 % of each batch, not the 75 % asked") && line.contains("paired")
                && line.contains("50 % of the training faces are real"), line);
        // the share the plan gives, at 0.5 as at 0.75: no more than half the real faces
        assertEquals(blended(b, balanced), blended(blend(0.5, true), balanced));
    }

    @Test
    void aShareTheRealFacesAllowIsWhatTheLogSays() {
        OnlineSelfBlend b = blend(0.5, true);
        assertEquals(8, blended(b, batch(16, 0)));
        assertEquals("self-blends: 50 % of each batch", b.describeShare(1.0));
        OnlineSelfBlend unpaired = blend(0.5, false);
        assertEquals(8, blended(unpaired, batch(8, 8)));
        assertEquals("self-blends: 50 % of each batch", unpaired.describeShare(0.5));
    }
}
