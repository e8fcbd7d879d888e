package io.lvnet.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model card a weights file carries in its metadata (key {@value #METADATA_KEY}, JSON):
 * what the network was trained on and how, how it scored, how its probabilities are calibrated,
 * what it is for and under which terms. {@code lvnet train} writes it with every checkpoint (the
 * metrics of that epoch), {@code lvnet calibrate} adds the calibration, and {@code lvnet info
 * --weights} and the service's {@code GET /v1/info} show it.
 *
 * @param lvnetVersion the lvnet that wrote the card
 * @param created when, UTC, to the second
 * @param trainingData the data's folder, layout, splits and face counts
 * @param recipe the effective training configuration (overrides applied)
 * @param metrics the validation metrics of the epoch these weights come from
 * @param calibration the calibration's method, split, face count and error; null before {@code lvnet calibrate}
 * @param intendedUse what the scores may be used for
 * @param licence the terms of the weights
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        @JsonProperty("lvnet_version") String lvnetVersion,
        @JsonProperty("created") String created,
        @JsonProperty("training_data") Map<String, Object> trainingData,
        @JsonProperty("recipe") Map<String, Object> recipe,
        @JsonProperty("metrics") Map<String, Object> metrics,
        @JsonProperty("calibration") Map<String, Object> calibration,
        @JsonProperty("intended_use") String intendedUse,
        @JsonProperty("licence") String licence) {

    /** The weights metadata key that holds the card. */
    public static final String METADATA_KEY = "model_card";

    /** What every card lvnet writes says the scores are for. */
    public static final String INTENDED_USE = "A signal for people who review faces in images and videos for forgery "
            + "(trust and safety, media forensics): how likely each face is forged and where. Not a sole basis for a "
            + "decision about a person. Scores hold for data like the training data; on other generators, compressions "
            + "or populations, calibrate on held-out faces of your own (lvnet calibrate) and choose an operating point.";

    /** The licence a card states unless told otherwise. */
    public static final String DEFAULT_LICENCE = "Weights inherit the terms of their training data (FaceForensics++ and "
            + "most deepfake benchmarks forbid commercial use); lvnet itself is Apache-2.0.";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ModelCard {
        trainingData = copy(trainingData);
        recipe = copy(recipe);
        metrics = copy(metrics);
        calibration = copy(calibration);
    }

    /** A new card for a training run, stamped with this lvnet's version and the time now. */
    public static ModelCard forTraining(Map<String, Object> trainingData, Map<String, Object> recipe) {
        return new ModelCard(LvnetVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                trainingData, recipe, null, null, INTENDED_USE, DEFAULT_LICENCE);
    }

    /** A card for weights that came without one (a converted PyTorch checkpoint): only use and licence are known. */
    public static ModelCard unknownOrigin() {
        return new ModelCard(LvnetVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                null, null, null, null, INTENDED_USE, "unknown: these weights came without a model card");
    }

    /** This card with the metrics of the epoch the weights come from. */
    public ModelCard withMetrics(Map<String, Object> epochMetrics) {
        return new ModelCard(lvnetVersion, created, trainingData, recipe, epochMetrics, calibration, intendedUse, licence);
    }

    /** This card with a calibration's summary, stamped with this lvnet's version. */
    public ModelCard withCalibration(Map<String, Object> summary) {
        return new ModelCard(LvnetVersion.current(), created, trainingData, recipe, metrics, summary, intendedUse, licence);
    }

    /** The card as the JSON stored in the metadata. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The card in a weights file's metadata.
     *
     * @return null when the weights carry none
     * @throws IllegalArgumentException when the metadata holds a card that is not one
     */
    public static ModelCard fromMetadata(Map<String, String> metadata) {
        String json = metadata.get(METADATA_KEY);
        if (json == null) {
            return null;
        }
        try {
            ModelCard card = JSON.readValue(json, ModelCard.class);
            if (card == null) {
                throw new IllegalArgumentException("model card is null");
            }
            return card;
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("model card is not a JSON object of the expected form ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Map<String, Object> copy(Map<String, Object> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
