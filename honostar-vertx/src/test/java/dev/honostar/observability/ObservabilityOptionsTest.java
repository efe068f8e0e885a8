package dev.honostar.observability;

import dev.honostar.HonoStarOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservabilityOptionsTest {

  @Test
  void offAndTextByDefault() {
    ObservabilityOptions o = new ObservabilityOptions().applyEnvironment(Map.of());
    assertThat(o.isTracingEnabled()).isFalse();
    assertThat(o.getLogFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(o.getServiceName()).isEqualTo(ObservabilityOptions.DEFAULT_SERVICE_NAME);
    Tracing tracing = Tracing.create(o);
    assertThat(tracing.enabled()).isFalse();
    assertThat(tracing.tracer().spanBuilder("x").startSpan().getSpanContext().isValid()).as("no-op spans").isFalse();
  }

  @Test
  void environmentTurnsTracingAndJsonLinesOn() {
    ObservabilityOptions o = new HonoStarOptions().applyEnvironment(Map.of(
      "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
      "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cret, x-team = board",
      "OTEL_SERVICE_NAME", "board",
      "HONOSTAR_LOG_FORMAT", "JSON")).getObservability();
    assertThat(o.getOtlpEndpoint()).isEqualTo("http://collector:4318");
    assertThat(o.getOtlpHeaders()).containsExactly(Map.entry("api-key", "s3cret"), Map.entry("x-team", "board"));
    assertThat(o.getServiceName()).isEqualTo("board");
    assertThat(o.getLogFormat()).isEqualTo(LogFormat.JSON);

    // The framework's own variable wins over the standard one; OTEL_SDK_DISABLED wins over both.
    assertThat(new ObservabilityOptions().applyEnvironment(Map.of("HONOSTAR_OTEL_ENDPOINT", "http://a:4318",
      "OTEL_EXPORTER_OTLP_ENDPOINT", "http://b:4318")).getOtlpEndpoint()).isEqualTo("http://a:4318");
    assertThat(new ObservabilityOptions().applyEnvironment(Map.of("HONOSTAR_OTEL_ENDPOINT", "http://a:4318",
      "OTEL_SDK_DISABLED", "true")).isTracingEnabled()).isFalse();

    assertThatThrownBy(() -> new ObservabilityOptions().applyEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317",
      "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
      .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL=grpc").hasMessageContaining("http/protobuf");
    assertThat(new ObservabilityOptions().applyEnvironment(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")).isTracingEnabled())
      .as("no endpoint: off, whatever the protocol").isFalse();
    assertThatThrownBy(() -> new ObservabilityOptions().applyEnvironment(Map.of("HONOSTAR_LOG_FORMAT", "xml")))
      .hasMessageContaining("HONOSTAR_LOG_FORMAT").hasMessageContaining("text or json");
  }

  @Test
  void aMalformedEndpointFailsTheStartNamingTheVariable() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      HonoStarOptions options = new HonoStarOptions().applyEnvironment(Map.of("HONOSTAR_OTEL_ENDPOINT", "collector:4318"));
      Throwable failure = dev.honostar.HonoStar.create(vertx, options).router().cause();
      assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ObservabilityOptions.ENV_ENDPOINT)
        .hasMessageContaining("collector:4318");
    } finally {
      vertx.close();
    }
  }

  @Test
  void jsonRoundTrip() {
    ObservabilityOptions o = new ObservabilityOptions().setOtlpEndpoint("http://c:4318/v1/traces")
      .setOtlpHeaders(Map.of("k", "v")).setServiceName("s").setLogFormat(LogFormat.JSON);
    JsonObject json = o.toJson();
    assertThat(json.getString("logFormat")).isEqualTo("json");
    assertThat(new ObservabilityOptions(json).toJson()).isEqualTo(json);
    assertThat(new HonoStarOptions(new JsonObject().put("observability", json)).getObservability().toJson()).isEqualTo(json);
    assertThat(new ObservabilityOptions(new JsonObject()).toJson()).isEqualTo(new ObservabilityOptions().toJson());
  }
}
