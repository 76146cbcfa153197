package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesWhatJsonNeeds() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.string("a\"b\\c\n\u0001"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 3);
        m.put("l", List.of("x", true));
        m.put("z", null);
        assertEquals("{\"n\":3,\"l\":[\"x\",true],\"z\":null}", Json.value(m));
    }

    @Test
    void composerAuthIsValidJsonAndSecretsPrintMasked() throws DmtException {
        SecretText auth = ComposerAuth.httpBasic("repo.magento.com", "pub\"key", SecretText.of("priv"));
        assertEquals("{\"http-basic\":{\"repo.magento.com\":{\"username\":\"pub\\\"key\",\"password\":\"priv\"}}}", auth.reveal());
        assertEquals("****", auth.toString());
        assertFalse(new SshSettings("h", 22, "u", "KEYTEXT", SecretText.of("pp"), null, HostKeyPolicy.acceptAny(), null)
                .toString().contains("KEYTEXT"));
        assertTrue(ComposerAuth.fromJson(" {\"a\":1} ").reveal().startsWith("{"));
    }
}
