package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.calibrate.Verdict;
import io.lvnet.calibrate.VerdictRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One person of a video: their faces across the sampled frames ({@link FaceTracker}), judged
 * together. The person's probability is the mean of their faces' that are good enough to judge
 * (of all their faces when none is), and their verdict that probability's, inconclusive when no
 * face of theirs could be judged.
 *
 * @param person the person's number in the video, in order of first appearance
 * @param faces how many sampled frames show them
 * @param firstSeconds when they are first seen
 * @param lastSeconds when they are last seen
 * @param fakeProbability the mean probability of their faces
 * @param verdict real, fake or inconclusive
 * @param verdictReason why inconclusive; null otherwise
 * @param mostSuspicious their face with the highest probability, where to find its heatmap
 * @param timeline their probability frame by frame
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonResult(
        @JsonProperty("person") int person,
        @JsonProperty("faces") int faces,
        @JsonProperty("first_s") double firstSeconds,
        @JsonProperty("last_s") double lastSeconds,
        @JsonProperty("fake_probability") float fakeProbability,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("verdict_reason") String verdictReason,
        @JsonProperty("most_suspicious") Sighting mostSuspicious,
        @JsonProperty("timeline") List<Sighting> timeline) {

    /**
     * One of the person's faces.
     *
     * @param frame the video frame's index
     * @param timeSeconds its time
     * @param face the face's index in the frame
     * @param fakeProbability the face's probability
     */
    public record Sighting(@JsonProperty("frame") int frame, @JsonProperty("time_s") double timeSeconds,
            @JsonProperty("face") int face, @JsonProperty("fake_probability") float fakeProbability) {
    }

    /**
     * The people of a video whose faces carry their person ({@link FaceResult#person()}), most
     * suspicious first is not implied: in order of first appearance.
     */
    public static List<PersonResult> of(List<FrameResult> frames, VerdictRule rule) {
        Map<Integer, List<Object[]>> byPerson = new TreeMap<>();
        for (FrameResult f : frames) {
            for (int i = 0; i < f.faces().size(); i++) {
                FaceResult face = f.faces().get(i);
                if (face.person() != null) {
                    byPerson.computeIfAbsent(face.person(), k -> new ArrayList<>()).add(new Object[] {f, i, face});
                }
            }
        }
        List<PersonResult> people = new ArrayList<>();
        for (Map.Entry<Integer, List<Object[]>> e : byPerson.entrySet()) {
            people.add(person(e.getKey(), e.getValue(), rule));
        }
        return people;
    }

    private static PersonResult person(int id, List<Object[]> seen, VerdictRule rule) {
        List<Sighting> timeline = new ArrayList<>(seen.size());
        double judgedSum = 0;
        int judged = 0;
        double allSum = 0;
        String poorReason = null;
        Sighting worst = null;
        for (Object[] s : seen) {
            FrameResult frame = (FrameResult) s[0];
            FaceResult face = (FaceResult) s[2];
            Sighting sighting = new Sighting(frame.index(), frame.timeSeconds(), (Integer) s[1], face.fakeProbability());
            timeline.add(sighting);
            allSum += face.fakeProbability();
            if (face.quality() == null || face.quality().judgeable()) {
                judgedSum += face.fakeProbability();
                judged++;
            } else if (poorReason == null) {
                poorReason = face.quality().reason();
            }
            if (worst == null || sighting.fakeProbability() > worst.fakeProbability()) {
                worst = sighting;
            }
        }
        float p = (float) (judged > 0 ? judgedSum / judged : allSum / seen.size());
        Verdict verdict = judged > 0 ? rule.judge(p) : Verdict.INCONCLUSIVE;
        String reason = judged > 0 ? rule.inconclusiveReason(p) : "no face of this person can be judged: " + poorReason;
        return new PersonResult(id, seen.size(), timeline.get(0).timeSeconds(), timeline.get(timeline.size() - 1).timeSeconds(),
                p, verdict, reason, worst, List.copyOf(timeline));
    }
}
