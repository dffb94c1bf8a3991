package dev.shardline.analytics.application;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Stores an application's configuration as JSON: new members need no migration. */
@Converter
class ConfigJson implements AttributeConverter<ApplicationConfig, String> {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Override
    public String convertToDatabaseColumn(ApplicationConfig config) {
        return JSON.writeValueAsString(config);
    }

    @Override
    public ApplicationConfig convertToEntityAttribute(String json) {
        return JSON.readValue(json, ApplicationConfig.class);
    }
}
