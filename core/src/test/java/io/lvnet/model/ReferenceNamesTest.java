package io.lvnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.lvnet.testing.Goldens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceNamesTest {

    @ParameterizedTest
    @CsvSource({"SUPERVISED, lvnet_state_dict_keys.txt, 695", "SEMI_SUPERVISED, lvnet_semi_state_dict_keys.txt, 701"})
    void everyParameterMapsOntoTheReferenceStateDictInOrder(Variant variant, String keysFile, int count) {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(LvNetConfig.REFERENCE.withVariant(variant), m);
            Map<String, Parameter> byRef = ReferenceNames.byReferenceName(net.namedParameters());
            List<String> ours = new ArrayList<>();
            byRef.forEach((name, p) -> ours.add(name + " " + Arrays.toString(p.getArray().getShape().getShape())
                    + " " + (p.getArray().getDataType() == ai.djl.ndarray.types.DataType.INT64 ? "INT64" : "FLOAT32")));
            List<String> expected = Goldens.keys(keysFile).stream().map(Object::toString).toList();
            assertEquals(count, expected.size());
            assertEquals(expected, ours);
        }
    }
}
