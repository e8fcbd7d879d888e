package io.lvnet.train;

import io.lvnet.memory.LibtorchHugePages;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.lvnet.model.LvNet;
import io.lvnet.model.Variant;
import io.lvnet.provenance.ModelCard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole training run as a configuration describes it: data, network (fresh, from ImageNet
 * weights or a whole LVNet's, or resumed from the run folder's last checkpoint), SSPSL's fixed
 * labeller where one is asked for, and the epoch loop. Every check happens before the first
 * step.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * Trains, or continues a run when {@code resume} is set (or the configuration names one).
     *
     * @param configFile copied into the run folder of a new run, if not null
     * @param log where one-line notes go (what is trained on, resuming, ImageNet load)
     * @return the run folder, whose epochs and best weights are then on disk
     */
    public static RunDirectory run(TrainConfig c, Path configFile, boolean resume, TrainListener listener, PrintStream log)
            throws IOException {
        RunDirectory run = new RunDirectory(Path.of(c.train().resume() != null ? c.train().resume() : c.train().savePath()));
        boolean resuming = resume || c.train().resume() != null;
        int last = run.lastCompleteEpoch();
        if (resuming && last < 0) {
            throw new IllegalArgumentException(run.root() + ": no checkpoint to resume from");
        }
        if (!resuming && Files.isDirectory(run.root()) && !run.epochs().isEmpty()) {
            throw new IllegalArgumentException(run.root() + " already holds a run: use --resume, or another train.save_path");
        }
        LibtorchHugePages.chooseForTraining(c.modelConfig().width()); // before libtorch loads and reads it
        if (c.threads() != null) {
            Engine.getInstance(); // loads libtorch, whose thread pool is then resized
            JniUtils.setNumThreads(c.threads());
        }
        try (DataSources data = DataSources.of(c, c.modelConfig().variant() == Variant.SEMI_SUPERVISED);
                NDManager m = NDManager.newBaseManager(Engine.getInstance().defaultDevice())) {
            Engine.getInstance().setRandomSeed((int) c.seed());
            LvNet net = LvNet.create(c.modelConfig(), m);
            TrainingState state = StartingWeights.applyTo(net, c, run, resuming ? last : -1, log);
            if (!resuming) {
                Files.createDirectories(run.root());
                if (configFile != null) {
                    Files.copy(configFile, run.root().resolve("config.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            LvNet labeller = StartingWeights.fixedLabeller(c, net, m, run, resuming);
            log.printf("training %s on %d faces per epoch (%d batches), validating on %d%n",
                    c.modelConfig(), data.train().facesPerEpoch(), data.train().batchesPerEpoch(), data.validation().facesPerEpoch());
            if (data.regions() != null) {
                log.println(data.regions().describe());
            }
            if (data.selfBlends() != null) {
                log.println(data.selfBlends());
            }
            double decay = c.weightAverage();
            try (state; WeightAverage average = decay == 0 ? null : new WeightAverage(net, decay)) {
                state.continueAverage(average, resuming);
                new EpochLoop(net, m, state, run, c.stepOptions(), listener, labeller)
                        .withModelCard(ModelCard.forTraining(trainingData(c, data), recipe(c)))
                        .fit(data.train(), data.validation(), c.epochs());
            }
        }
        return run;
    }

    /** The best epoch of a finished run. */
    public static EpochRecord best(RunDirectory run) {
        List<EpochRecord> log = run.epochs();
        return log.stream().filter(EpochRecord::best).reduce((a, b) -> b).orElseThrow();
    }

    /** What the model card says of the data: where it is, how it is split and how many faces each epoch sees. */
    private static Map<String, Object> trainingData(TrainConfig c, DataSources data) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("root", c.datasets().root());
        m.put("layout", c.datasets().layout() == null ? "canonical" : c.datasets().layout());
        m.put("train_split", c.datasets().train() == null || c.datasets().train().split() == null ? "train"
                : c.datasets().train().split());
        m.put("val_split", c.datasets().val() == null || c.datasets().val().split() == null ? "val"
                : c.datasets().val().split());
        m.put("train_faces_per_epoch", data.train().facesPerEpoch());
        m.put("val_faces", data.validation().facesPerEpoch());
        m.put("image_size", c.modelConfig().inputSize());
        return m;
    }

    /**
     * The card's recipe: the configuration as given (overrides applied) and, under {@code
     * effective}, the values the run used where the configuration left the default.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> recipe(TrainConfig c) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(
                new com.fasterxml.jackson.databind.ObjectMapper().convertValue(c, Map.class));
        Map<String, Object> effective = new java.util.LinkedHashMap<>();
        effective.put("model", c.modelConfig().toString());
        effective.put("epochs", c.epochs());
        effective.put("train_batch_size", c.trainBatchSize());
        effective.put("seed", c.seed());
        AdamSettings adam = c.adamSettings();
        effective.put("optimizer", Map.of("name", "Adam (decay on weights only)", "lr", adam.learningRate(),
                "betas", List.of(adam.beta1(), adam.beta2()), "eps", adam.eps(), "weight_decay", adam.weightDecay()));
        StepSchedule schedule = c.schedule();
        effective.put("lr_schedule", Map.of("step_epochs", schedule.stepEpochs(), "gamma", schedule.gamma()));
        effective.put("mixup", c.mixup());
        effective.put("weight_average", c.weightAverage());
        m.put("effective", effective);
        return m;
    }
}
