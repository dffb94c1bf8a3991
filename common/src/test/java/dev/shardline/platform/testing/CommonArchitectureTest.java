package dev.shardline.platform.testing;

import org.junit.jupiter.api.Test;

class CommonArchitectureTest {

    @Test
    void commonKnowsNoServiceAndItsPartsAreLayered() {
        ArchitectureRules.checkCommon(ArchitectureRules.mainClasses());
    }
}
