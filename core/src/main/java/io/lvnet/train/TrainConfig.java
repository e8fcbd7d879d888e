package io.lvnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.augment.Augmentation;
import io.lvnet.data.ReferenceRegion;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.blend.SelfBlendSettings;
import io.lvnet.regions.RegionSource;
import io.lvnet.data.readers.DataLayout;
import io.lvnet.data.readers.DatasetLocation;
import io.lvnet.model.Ablation;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training run's configuration, read from YAML whose keys follow the reference's
 * {@code FF++.yml} where they apply (datasets, image size, batch size, lr, epochs, weight
 * decay, seed, resume, save path; a section's {@code split} may name the reference's pair list)
 * plus lvnet's own (data layout, model width, variant, ablation, mixup, threads). Unknown keys
 * are errors, so a typo never silently falls back to a default.
 */
public record TrainConfig(
        @JsonProperty("datasets") Datasets datasets,
        @JsonProperty("train") Train train,
        @JsonProperty("model") Model model,
        @JsonProperty("threads") Integer threads) {

    /**
     * Where the data is and how it is sampled.
     *
     * @param root the data's folder (see {@link DatasetLocation#root()})
     * @param layout {@code canonical} (default), {@code composite} (the reference's
     *     {@code face | mask | mask} images) or {@code deepfakebench}
     * @param splits composite: a folder with FF++'s {@code train.json}, {@code val.json},
     *     {@code test.json} (else each section's {@code split} may name its pair list, as in the
     *     reference's {@code FF++.yml}; with neither, a deterministic split)
     * @param index deepfakebench: its dataset JSON
     */
    public record Datasets(
            @JsonProperty("root") String root,
            @JsonProperty("layout") String layout,
            @JsonProperty("splits") String splits,
            @JsonProperty("index") String index,
            @JsonProperty("image_size") Integer imageSize,
            @JsonProperty("n_workers") Integer workers,
            @JsonProperty("train") Split train,
            @JsonProperty("val") Split val,
            @JsonProperty("test") Split test,
            @JsonProperty("augmentation") String augmentation,
            @JsonProperty("self_blend") SelfBlend selfBlend,
            @JsonProperty("regions") String regions) {
    }

    /**
     * Online self-blending ({@code datasets.self_blend}); every key may be left out for its
     * default (see {@link SelfBlendSettings#DEFAULT}).
     *
     * @param share the share of each training batch's faces that become self-blends, drawn among
     *     its real faces (0.5)
     * @param valShare the same for validation (default: {@code share} when the validation split
     *     has no fakes, else 0)
     * @param paired whether each blend's real face is in the same batch (true)
     * @param regions where blends go: {@code hull}, {@code lower_face}, {@code mouth},
     *     {@code eyes}, {@code nose}, {@code ellipse} (all)
     * @param transforms what changes in the blended copy: {@code colour}, {@code brightness},
     *     {@code sharpen}, {@code blur}, {@code resize}, {@code jpeg}, {@code shift_scale} (all)
     * @param deform the largest wobble of the mask's outline, a share of its radius (0.08)
     * @param soften {@code [min, max]} feathering of the mask, shares of the face's width
     *     ([0.01, 0.06])
     * @param ratios blend ratios drawn from ([0.25, 0.5, 0.75, 1, 1, 1])
     * @param landmarks where regions come from: {@code none} (the data set's part regions, else
     *     the face box; the default), {@code default} (dlib's model from libdlib-data or
     *     {@code LVNET_LANDMARKS_MODEL}) or a model file
     * @param colourShare the share of blends whose copy gets the colour and brightness shifts (1)
     * @param otherFace the share of blends whose copy is another real face of the batch, aligned to
     *     this one (0)
     */
    public record SelfBlend(
            @JsonProperty("share") Double share,
            @JsonProperty("val_share") Double valShare,
            @JsonProperty("paired") Boolean paired,
            @JsonProperty("regions") List<String> regions,
            @JsonProperty("transforms") List<String> transforms,
            @JsonProperty("deform") Double deform,
            @JsonProperty("soften") List<Double> soften,
            @JsonProperty("ratios") List<Double> ratios,
            @JsonProperty("landmarks") String landmarks,
            @JsonProperty("colour_share") Double colourShare,
            @JsonProperty("other_face") Double otherFace) {
    }

    /**
     * One split: which frames and how they are drawn.
     *
     * @param split the split's name in the dataset index (train, val, test); with the composite
     *     layout also the path of the section's FF++ pair list ({@code ./splits/train.json})
     * @param methods manipulation methods to keep (null: all); real frames are always kept
     * @param downsample use every n-th frame of each video (the reference: 3 for training)
     * @param balance repeat real frames to match the fakes (the reference: training only)
     * @param batchSize faces per batch
     * @param repeat how many times each drawn frame comes in an epoch (default 1): small sets of
     *     real faces that self-blending turns into fakes afresh each time
     */
    public record Split(
            @JsonProperty("split") String split,
            @JsonProperty("method") List<String> methods,
            @JsonProperty("downsample") Integer downsample,
            @JsonProperty("balance") Boolean balance,
            @JsonProperty("batch_size") Integer batchSize,
            @JsonProperty("repeat") Integer repeat) {
    }

    /** The optimisation recipe. */
    public record Train(
            @JsonProperty("optimizer") String optimizer,
            @JsonProperty("lr") Double lr,
            @JsonProperty("epoch") Integer epochs,
            @JsonProperty("weight_decay") Double weightDecay,
            @JsonProperty("lr_step") Integer lrStep,
            @JsonProperty("lr_gamma") Double lrGamma,
            @JsonProperty("manual_seed") Long seed,
            @JsonProperty("resume") String resume,
            @JsonProperty("save_path") String savePath,
            @JsonProperty("mixup") Boolean mixup,
            @JsonProperty("imagenet") String imagenet,
            @JsonProperty("init_weights") String initWeights,
            @JsonProperty("recompute_early_stages") Boolean recomputeEarlyStages,
            @JsonProperty("reference_region") String referenceRegion,
            @JsonProperty("sspsl_labeller") String sspslLabeller,
            @JsonProperty("non_finite_loss") String nonFiniteLoss,
            @JsonProperty("max_skipped_steps") Integer maxSkippedSteps,
            @JsonProperty("recompute") String recompute,
            @JsonProperty("weight_average") Double weightAverage) {
    }

    /** The network. */
    public record Model(
            @JsonProperty("baseline") String baseline,
            @JsonProperty("variant") String variant,
            @JsonProperty("width") Double width,
            @JsonProperty("ablation") String ablation) {
    }

    /**
     * Reads a configuration and applies {@code key=value} overrides with dotted keys
     * ({@code train.epoch=3}), then checks it ({@link TrainConfigReader}, {@link TrainConfigCheck}).
     *
     * @throws IllegalArgumentException naming the key or value that is wrong
     */
    public static TrainConfig read(Path file, List<String> overrides) throws IOException {
        return TrainConfigReader.read(file, overrides);
    }

    static int batchSize(Split s) {
        return s.batchSize() == null ? TrainDefaults.BATCH_SIZE : s.batchSize();
    }

    /**
     * Where the frames are and which reader opens them.
     *
     * @throws IllegalArgumentException for an unknown layout or keys that do not go with it
     */
    public DatasetLocation location() {
        DataLayout layout = datasets.layout() == null ? DataLayout.CANONICAL : DataLayout.of(datasets.layout());
        if (datasets.splits() != null && layout != DataLayout.COMPOSITE) {
            throw new IllegalArgumentException("splits is only read with layout: composite");
        }
        Map<io.lvnet.data.Split, Path> lists = new TreeMap<>();
        if (datasets.splits() != null) {
            for (io.lvnet.data.Split s : io.lvnet.data.Split.values()) {
                lists.put(s, Path.of(datasets.splits()).resolve(s.id() + ".json"));
            }
        } else {
            pairList(datasets.train(), io.lvnet.data.Split.TRAIN, lists);
            pairList(datasets.val(), io.lvnet.data.Split.VAL, lists);
            pairList(datasets.test(), io.lvnet.data.Split.TEST, lists);
        }
        return new DatasetLocation(layout, Path.of(datasets.root()), lists,
                datasets.index() == null ? null : Path.of(datasets.index()));
    }

    private static void pairList(Split section, io.lvnet.data.Split split, Map<io.lvnet.data.Split, Path> lists) {
        if (section != null && isPairList(section)) {
            lists.put(split, Path.of(section.split()));
        }
    }

    /** Whether a section's {@code split} is the path of a pair list rather than a split's name. */
    static boolean isPairList(Split section) {
        return section.split() != null && section.split().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /**
     * The split a section draws from: its {@code split} name, or the section's own split when
     * it names none or names a pair list.
     */
    static io.lvnet.data.Split splitOf(Split section, io.lvnet.data.Split own) {
        return section.split() == null || isPairList(section) ? own : io.lvnet.data.Split.of(section.split());
    }

    /** The network this configuration trains. */
    public LvNetConfig modelConfig() {
        Variant variant = model == null || model.variant() == null ? Variant.SUPERVISED
                : switch (model.variant().toLowerCase(Locale.ROOT)) {
                    case "supervised" -> Variant.SUPERVISED;
                    case "semi", "semi_supervised", "semi-supervised" -> Variant.SEMI_SUPERVISED;
                    default -> throw new IllegalArgumentException("variant must be supervised or semi, got " + model.variant());
                };
        int size = datasets.imageSize() == null ? TrainDefaults.IMAGE_SIZE : datasets.imageSize();
        double width = model == null || model.width() == null ? TrainDefaults.WIDTH : model.width();
        Ablation ablation = model == null || model.ablation() == null ? Ablation.NONE : Ablation.parse(model.ablation());
        return new LvNetConfig(variant, size, width, ablation);
    }

    /** Number of epochs (default 30, the reference's). */
    public int epochs() {
        return train.epochs() == null ? TrainDefaults.EPOCHS : train.epochs();
    }

    /** The run's seed (default 1234, the reference's). */
    public long seed() {
        return train.seed() == null ? TrainDefaults.SEED : train.seed();
    }

    /** The training augmentation (default: the reference's recipe). */
    public Augmentation augmentation() {
        return datasets.augmentation() == null ? Augmentation.REFERENCE : Augmentation.parse(datasets.augmentation());
    }

    /** Online self-blending's settings, or null when {@code datasets.self_blend} is absent. */
    public SelfBlendSettings selfBlend() {
        SelfBlend b = datasets.selfBlend();
        return b == null ? null : SelfBlendSettings.of(b.share(), b.valShare(), b.paired(), b.regions(), b.transforms(),
                b.deform(), b.soften(), b.ratios(), b.colourShare(), b.otherFace());
    }

    /**
     * The landmark model that places self-blend regions, or null for none ({@code
     * self_blend.landmarks}: absent or {@code none}).
     *
     * @throws IllegalArgumentException if the named file does not exist
     */
    public Path selfBlendLandmarks() {
        SelfBlend b = datasets.selfBlend();
        if (b == null || b.landmarks() == null || b.landmarks().equalsIgnoreCase("none")) {
            return null;
        }
        Path p = b.landmarks().equalsIgnoreCase("default") ? ShapePredictorFile.defaultPath() : Path.of(b.landmarks());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("self_blend.landmarks: no landmark model at " + p
                    + (b.landmarks().equalsIgnoreCase("default") ? " (" + ShapePredictorFile.INSTALL_HINT + ")" : ""));
        }
        return p;
    }

    /**
     * Where semi-supervised training takes the mouth, eyes and nose regions from
     * ({@code datasets.regions}: {@code index}, {@code landmarks} or {@code geometric}), or null
     * to let {@link RegionSource#forDataset} choose.
     */
    public RegionSource regionSource() {
        return datasets.regions() == null ? null : RegionSource.parse(datasets.regions());
    }

    /**
     * SSPSL's reference region for semi-supervised training (default the mouth, as the
     * reference): {@code mouth}, {@code eyes}, {@code nose} or a union such as {@code mouth+nose}.
     */
    public ReferenceRegion referenceRegion() {
        return train.referenceRegion() == null ? ReferenceRegion.MOUTH : ReferenceRegion.parse(train.referenceRegion());
    }

    /**
     * Whether SSPSL's pseudo labels come from the network as the run starts, kept fixed
     * ({@code sspsl_labeller: initial}), rather than from the network being trained ({@code live},
     * the reference's rule and the default).
     */
    public boolean fixedLabeller() {
        String s = train.sspslLabeller();
        if (s == null || s.equalsIgnoreCase("live")) {
            return false;
        }
        if (s.equalsIgnoreCase("initial")) {
            return true;
        }
        throw new IllegalArgumentException("sspsl_labeller must be live or initial, got '" + s + "'");
    }

    /** Whether batches are mixed (default on, as the reference). */
    public boolean mixup() {
        return train.mixup() == null || train.mixup();
    }

    /**
     * How steps are taken: mixup, which stages are recomputed in backward ({@code
     * train.recompute: all}, the default, {@code early} or {@code none}: the same gradients for
     * less memory, see {@link ForwardBackward}; the older {@code recompute_early_stages: true} reads
     * as {@code early}, {@code false} as {@code none}), and what a non-finite step does.
     *
     * @throws IllegalArgumentException for an unknown {@code recompute}, or both keys given
     */
    public StepOptions stepOptions() {
        return new StepOptions(mixup(), recompute(), nonFiniteLoss());
    }

    /**
     * The decay of the moving average of the weights that is validated and saved ({@code
     * train.weight_average}, see {@link WeightAverage}); 0, the default, for the network's own.
     *
     * @throws IllegalArgumentException for a value outside [0, 1)
     */
    public double weightAverage() {
        Double d = train.weightAverage();
        if (d == null || d == 0) {
            return 0;
        }
        if (!(d > 0 && d < 1)) {
            throw new IllegalArgumentException("weight_average must be 0 (off) or a decay between 0 and 1, got " + d);
        }
        return d;
    }

    /** See {@link #stepOptions()}. */
    public Recompute recompute() {
        if (train.recompute() != null && train.recomputeEarlyStages() != null) {
            throw new IllegalArgumentException("train.recompute and train.recompute_early_stages say the same: give one");
        }
        if (train.recomputeEarlyStages() != null) {
            return train.recomputeEarlyStages() ? Recompute.EARLY : Recompute.NONE;
        }
        return train.recompute() == null ? Recompute.ALL : Recompute.of(train.recompute());
    }

    /**
     * What a step with a NaN or infinite loss or gradient does: {@code train.non_finite_loss:
     * stop} (default) ends the run naming the step; {@code skip} skips it, up to {@code
     * train.max_skipped_steps} (default {@value NonFiniteLoss#DEFAULT_MAX_SKIPPED}) per epoch.
     */
    public NonFiniteLoss nonFiniteLoss() {
        return NonFiniteLoss.parse(train.nonFiniteLoss(), train.maxSkippedSteps());
    }

    /** Adam as the configuration sets it (the reference's defaults otherwise). */
    public AdamSettings adamSettings() {
        AdamSettings r = AdamSettings.reference();
        return new AdamSettings(train.lr() == null ? r.learningRate() : train.lr(), r.beta1(), r.beta2(), r.eps(),
                train.weightDecay() == null ? r.weightDecay() : train.weightDecay());
    }

    /** The step schedule: lr x lr_gamma every lr_step epochs (defaults 0.5 and 5). */
    public StepSchedule schedule() {
        return new StepSchedule(adamSettings().learningRate(), train.lrGamma() == null ? TrainDefaults.LR_GAMMA : train.lrGamma(),
                train.lrStep() == null ? TrainDefaults.LR_STEP_EPOCHS : train.lrStep());
    }

    /** Faces per training batch. */
    public int trainBatchSize() {
        return batchSize(datasets.train());
    }

    /** Faces per validation batch. */
    public int valBatchSize() {
        return batchSize(datasets.val());
    }
}
