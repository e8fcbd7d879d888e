package io.lvnet.train;

import io.lvnet.augment.Augmentation;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.blend.SelfBlendSettings;
import io.lvnet.regions.RegionDataset;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The training and validation batches a {@link TrainConfig} describes. */
public final class DataSources implements AutoCloseable {
    private final DatasetBatches train;
    private final DatasetBatches validation;
    private final io.lvnet.regions.RegionSource.Choice regions;
    private final String selfBlends;

    private DataSources(DatasetBatches train, DatasetBatches validation, io.lvnet.regions.RegionSource.Choice regions,
            String selfBlends) {
        this.train = train;
        this.validation = validation;
        this.regions = regions;
        this.selfBlends = selfBlends;
    }

    /**
     * Opens the dataset and draws the splits: training with every k-th frame (default 3), real
     * frames repeated to match the fakes and balanced (the reference's defaults), augmented and
     * shuffled per epoch; validation with every frame, as it is.
     *
     * @throws IllegalArgumentException when a split is empty or smaller than its batch
     */
    public static DataSources of(TrainConfig config, boolean withRegions) throws IOException {
        FrameDataset ds = config.location().open();
        io.lvnet.regions.RegionSource.Choice regionChoice = null;
        int size = config.modelConfig().inputSize();
        int workers = config.datasets().workers() == null ? 2 : config.datasets().workers();
        TrainConfig.Split t = config.datasets().train();
        TrainConfig.Split v = config.datasets().val();
        List<FrameRecord> trainFrames = draw(ds, t, Split.TRAIN, 3, true, true, config.seed());
        List<FrameRecord> valFrames = draw(ds, v, Split.VAL, 1, false, false, config.seed());
        if (!withRegions && trainFrames.stream().anyMatch(f -> !f.maskKnown())) {
            throw new IllegalArgumentException(config.datasets().root() + ": some fakes have no forgery mask; "
                    + "train them semi-supervised (model.variant: semi)");
        }
        if (withRegions) {
            regionChoice = RegionDataset.choice(ds, config.regionSource(), trainFrames);
            ds = RegionDataset.withRegions(ds, regionChoice.source(), null);
            FrameDataset regions = ds;
            if (trainFrames.stream().anyMatch(f -> !regions.regionsKnown(f))) {
                throw new IllegalArgumentException(config.datasets().root() + ": semi-supervised training with "
                        + "datasets.regions: index needs the mouth/eyes/nose region masks, which some frames lack");
            }
        }
        SelfBlendSettings blend = config.selfBlend();
        OnlineSelfBlend trainBlend = null;
        OnlineSelfBlend valBlend = null;
        if (blend != null) {
            ShapePredictor landmarks = config.selfBlendLandmarks() == null ? null
                    : ShapePredictorFile.read(config.selfBlendLandmarks());
            trainBlend = new OnlineSelfBlend(blend, blend.share(), landmarks);
            valBlend = new OnlineSelfBlend(blend, blend.validationShare(valFrames.stream().anyMatch(FrameRecord::fake)),
                    landmarks);
        }
        if (trainFrames.stream().noneMatch(FrameRecord::fake) && (trainBlend == null || trainBlend.share() == 0)) {
            throw new IllegalArgumentException(config.datasets().root() + ": the training frames are all real; "
                    + "add fakes or self-blends (datasets.self_blend)");
        }
        try {
            return new DataSources(
                    new DatasetBatches(ds, trainFrames, size, config.augmentation(), config.trainBatchSize(), config.seed(), true,
                            withRegions ? config.referenceRegion() : null, workers, trainBlend),
                    new DatasetBatches(ds, valFrames, size, Augmentation.NONE, config.valBatchSize(), config.seed(), false,
                            null, workers, valBlend), regionChoice,
                    trainBlend == null || trainBlend.share() == 0 ? null
                            : trainBlend.describeShare(trainFrames.stream().filter(f -> !f.fake()).count() / (double) trainFrames.size()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.datasets().root() + ": " + e.getMessage());
        }
    }

    /**
     * The frames of one split as the configuration selects them.
     *
     * @param section the split of the configuration section ({@code datasets.train}: train),
     *     used when the section names no split or names the reference's pair list
     *     ({@code split: ./splits/train.json}) instead
     */
    static List<FrameRecord> draw(FrameDataset ds, TrainConfig.Split s, Split section, int defaultDownsample,
            boolean repeatReals, boolean defaultBalance, long seed) {
        Split split = TrainConfig.splitOf(s, section);
        Set<String> methods = s.methods() == null ? Set.of() : new HashSet<>(s.methods());
        List<FrameRecord> frames = SplitSampler.sample(ds.frames(split), methods,
                s.downsample() == null ? defaultDownsample : s.downsample(), repeatReals,
                s.balance() == null ? defaultBalance : s.balance(), seed);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(ds.dir() + ": split '" + split.id() + "' has no frames"
                    + (methods.isEmpty() ? "" : " of methods " + methods));
        }
        int repeat = s.repeat() == null ? 1 : s.repeat();
        List<FrameRecord> out = new java.util.ArrayList<>(frames.size() * repeat);
        for (int i = 0; i < repeat; i++) {
            out.addAll(frames);
        }
        return out;
    }

    /** How much of each training batch becomes self-blends, and why less than asked; null without self-blends. */
    public String selfBlends() {
        return selfBlends;
    }

    /** Where semi-supervised training takes its regions from, and why; null for supervised training. */
    public io.lvnet.regions.RegionSource.Choice regions() {
        return regions;
    }

    public DatasetBatches train() {
        return train;
    }

    public DatasetBatches validation() {
        return validation;
    }

    @Override
    public void close() {
        train.close();
        validation.close();
    }
}
