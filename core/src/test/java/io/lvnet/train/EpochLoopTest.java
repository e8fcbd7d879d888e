package io.lvnet.train;

import io.lvnet.data.BatchSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochLoopTest {
    private static final LvNetConfig TINY = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);

    @TempDir
    Path dir;

    private static LvNet seededNet(NDManager m) {
        Engine.getInstance().setRandomSeed(42);
        return LvNet.create(TINY, m);
    }

    @Test
    void twoEpochsStraightEqualOneEpochStopResumeOne() throws Exception {
        BatchSource train = new ArrayBatchSource(8, 96, 4, 1);
        BatchSource val = new ArrayBatchSource(6, 96, 3, 2);
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = seededNet(m);
            try (TrainingState state = TrainingState.start(net, 7)) {
                new EpochLoop(net, m, state, straight, StepOptions.DEFAULT, TrainListener.NONE).fit(train, val, 2);
            }
        }
        RunDirectory resumed = new RunDirectory(dir.resolve("resumed"));
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = seededNet(m);
            try (TrainingState state = TrainingState.start(net, 7)) {
                new EpochLoop(net, m, state, resumed, StepOptions.DEFAULT, TrainListener.NONE).fit(train, val, 1);
            }
        }
        assertEquals(0, resumed.lastCompleteEpoch());
        // a crash during epoch 1 left a step of it in the log, and a full disk then tore a line of
        // every log: resuming drops the step and the torn lines
        resumed.logStep(new StepRecord(1, 3, 5e-4, 9, 9, 0, 0.5, 1, 100, 50, 0, false));
        for (String log : new String[] {"epochs.jsonl", "epochs.csv", "steps.jsonl", "steps.csv"}) {
            Files.writeString(resumed.root().resolve(log), "{\"epoch\":1,\"st", StandardOpenOption.APPEND);
        }
        assertEquals(1, resumed.epochs().size(), "the torn line is no epoch");
        try (NDManager m = NDManager.newBaseManager()) {
            // a new process: different random state, then load the last checkpoint
            Engine.getInstance().setRandomSeed(999);
            LvNet net = LvNet.create(TINY, m);
            StateDicts.load(net, WeightsFile.read(resumed.weights(0), 96).stateDict(), true);
            try (TrainingState state = TrainingState.load(resumed.state(0), net)) {
                assertEquals(1, state.epoch());
                new EpochLoop(net, m, state, resumed, StepOptions.DEFAULT, TrainListener.NONE).fit(train, val, 2);
            }
        }
        assertArrayEquals(Files.readAllBytes(straight.weights(1)), Files.readAllBytes(resumed.weights(1)));
        List<EpochRecord> a = straight.epochs();
        List<EpochRecord> b = resumed.epochs();
        assertEquals(2, b.size());
        for (int e = 0; e < 2; e++) {
            assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), 0.0);
            assertEquals(a.get(e).validationAuc(), b.get(e).validationAuc(), 0.0);
            assertEquals(a.get(e).learningRate(), b.get(e).learningRate(), 0.0);
        }
        List<StepRecord> stepsA = straight.steps();
        List<StepRecord> stepsB = resumed.steps();
        assertEquals(4, stepsA.size(), "2 epochs of 2 batches");
        assertEquals(stepsA.size(), stepsB.size());
        for (int i = 0; i < stepsA.size(); i++) {
            assertEquals(stepsA.get(i).step(), stepsB.get(i).step());
            assertEquals(stepsA.get(i).loss(), stepsB.get(i).loss(), 0.0);
            assertEquals(stepsA.get(i).loss(), stepsA.get(i).classificationLoss() + stepsA.get(i).patchLoss(), 1e-5);
        }
        assertEquals(5, Files.readString(resumed.root().resolve("steps.csv")).lines().count(), "header and 4 steps");
        assertEquals(3, Files.readString(resumed.root().resolve("epochs.csv")).lines().count(), "header and 2 epochs");
        for (String log : new String[] {"epochs.jsonl", "steps.jsonl"}) {
            assertTrue(Files.readString(resumed.root().resolve(log)).lines().allMatch(l -> l.startsWith("{") && l.endsWith("}")),
                    log + " holds whole records only");
        }
        for (StepRecord r : stepsB) {
            assertTrue(r.rssMb() > 50, "resident memory of a process running libtorch: " + r.rssMb());
            assertTrue(!r.skipped());
        }
        for (EpochRecord r : b) {
            assertTrue(r.rssMb() > 50 && r.peakRssMb() >= r.rssMb(), r.toString());
            // the reading's parts: anonymous (the Java heap within it) and mapped from files
            assertEquals(r.rssMb(), r.rssAnonMb() + r.rssFileMb(), 16, r.toString());
            assertTrue(r.rssFileMb() > 10 && r.heapMb() > 0 && r.heapMb() < 8192, r.toString());
            // the model's weights and the optimizer's state alone are native and live
            assertTrue(r.nativeLiveMb() > 1 && r.nativeLiveMb() < r.rssMb() + 1024, r.toString());
            assertEquals(0, r.skippedSteps());
        }
        assertTrue(Files.exists(straight.best()));
        Path auc = straight.root().resolve("auc.png");
        assertTrue(Files.exists(auc) && io.lvnet.testing.StandInCharts.drawn().stream()
                .anyMatch(d -> d.kind().equals("curves") && d.png().equals(auc)), "the run draws its validation AUC");
        assertTrue(Files.readString(straight.root().resolve("epochs.csv")).lines().count() == 3);
    }

    /** Trains {@code epochs} epochs in all from {@code run}'s last checkpoint, or afresh, with a weight average. */
    private static void fitAveraged(RunDirectory run, BatchSource train, BatchSource val, int epochs) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            int last = run.lastCompleteEpoch();
            Engine.getInstance().setRandomSeed(last < 0 ? 42 : 999);
            LvNet net = LvNet.create(TINY, m);
            if (last >= 0) {
                StateDicts.load(net, WeightsFile.read(run.weights(last), 96).stateDict(), true);
            }
            try (TrainingState state = last < 0 ? TrainingState.start(net, 7) : TrainingState.load(run.state(last), net);
                    WeightAverage average = new WeightAverage(net, 0.9)) {
                state.continueAverage(average, last >= 0);
                new EpochLoop(net, m, state, run, StepOptions.DEFAULT, TrainListener.NONE).fit(train, val, epochs);
            }
        }
    }

    @Test
    void averagedWeightsAreSavedAndResumeExactly() throws Exception {
        BatchSource train = new ArrayBatchSource(8, 96, 4, 1);
        BatchSource val = new ArrayBatchSource(6, 96, 3, 2);
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        fitAveraged(straight, train, val, 2);
        RunDirectory resumed = new RunDirectory(dir.resolve("resumed"));
        fitAveraged(resumed, train, val, 1);
        fitAveraged(resumed, train, val, 2);
        assertArrayEquals(Files.readAllBytes(straight.weights(1)), Files.readAllBytes(resumed.weights(1)));
        assertArrayEquals(Files.readAllBytes(straight.state(1)), Files.readAllBytes(resumed.state(1)));
        assertEquals(straight.epochs().get(1).validationAuc(), resumed.epochs().get(1).validationAuc(), 0.0);
        // what was saved (and validated) is the average; the state keeps the network's own weights
        var saved = WeightsFile.read(straight.weights(0), 96).stateDict();
        var network = io.lvnet.weights.Safetensors.read(straight.state(0)).tensors();
        String conv = saved.keySet().stream().filter(k -> k.endsWith("weight") && saved.get(k).shape().length == 4)
                .findFirst().orElseThrow();
        assertTrue(network.containsKey("network/" + conv), "the state holds the network's own " + conv);
        assertTrue(!java.util.Arrays.equals(saved.get(conv).toFloats(), network.get("network/" + conv).toFloats()),
                conv + " is averaged");
        // a run resumed with another setting is refused in one line
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(TINY, m);
            StateDicts.load(net, WeightsFile.read(resumed.weights(1), 96).stateDict(), true);
            try (TrainingState state = TrainingState.load(resumed.state(1), net)) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> state.continueAverage(null, true));
                assertTrue(e.getMessage().contains("train.weight_average: 0.9"), e.getMessage());
            }
            Path plain = dir.resolve("plain-state.safetensors");
            try (TrainingState fresh = TrainingState.start(net, 7)) {
                fresh.save(plain); // a run without an average
            }
            try (TrainingState state = TrainingState.load(plain, net); WeightAverage other = new WeightAverage(net, 0.9)) {
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> state.continueAverage(other, true));
            }
        }
    }
}
