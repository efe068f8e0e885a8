package dev.honostar.security;

import dev.honostar.security.impl.SigningSecretsImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningSecretsTest {

  static final String GOOD = "k".repeat(32);
  static final String OLD = "o".repeat(40);
  final SecurityOptions options = new SecurityOptions();
  /** What production resolves to: a secret is required. */
  final SecurityOptions required = Secure.options(s -> s.getToken().setRequireSigningSecret(true));

  @Test
  void aRequiredSecretThatIsMissingRefusesToStartWithAClearMessage() {
    assertThatThrownBy(() -> SigningSecrets.resolve(required, Map.of(), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HONOSTAR_SIGNING_SECRET is not set")
        .hasMessageContaining("security.token.requireSigningSecret")
        .hasMessageContaining("HONOSTAR_ENV=production")
        .hasMessageContaining("openssl rand");
  }

  @Test
  void distributedDevelopmentWithoutSecretRefusesToStart() {
    assertThatThrownBy(() -> SigningSecrets.resolve(options, Map.of(), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HONOSTAR_SIGNING_SECRET is not set")
        .hasMessageContaining("every node");
  }

  @Test
  void blankSecretCountsAsMissing() {
    assertThatThrownBy(() -> SigningSecrets.resolve(required, Map.of("HONOSTAR_SIGNING_SECRET", "  "), false))
        .hasMessageContaining("is not set");
  }

  @Test
  void singleNodeDevelopmentGetsARandomSecretAndAWarning() {
    List<String> warnings = new ArrayList<>();
    SigningSecrets a = SigningSecretsImpl.resolve(options, Map.of(), false, warnings::add);
    SigningSecrets b = SigningSecretsImpl.resolve(options, Map.of(), false, warnings::add);

    assertThat(a.ephemeral()).isTrue();
    // One per process: several app instances of one development node accept each other's tokens.
    assertThat(a.current().getEncoded()).hasSize(32).isEqualTo(b.current().getEncoded());
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w)
        .contains("HONOSTAR_SIGNING_SECRET").contains("random secret").contains("single-node development"));
  }

  @Test
  void tooShortSecretIsRefusedWithoutPrintingIt() {
    String shortSecret = "tooshort-secret-value";
    assertThatThrownBy(() -> SigningSecrets.resolve(required, Map.of("HONOSTAR_SIGNING_SECRET", shortSecret), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("too short")
        .hasMessageContaining("at least 32 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortSecret));
    assertThatThrownBy(() -> SigningSecrets.resolve(required,
        Map.of("HONOSTAR_SIGNING_SECRET", GOOD, "HONOSTAR_SIGNING_SECRET_PREVIOUS", "short"), false))
        .hasMessageContaining("HONOSTAR_SIGNING_SECRET_PREVIOUS is too short");
  }

  @Test
  void readsCurrentAndPreviousForRotation() {
    SigningSecrets s = SigningSecrets.resolve(required,
        Map.of("HONOSTAR_SIGNING_SECRET", GOOD, "HONOSTAR_SIGNING_SECRET_PREVIOUS", OLD), true);
    assertThat(s.ephemeral()).isFalse();
    assertThat(s.current().getEncoded()).isEqualTo(GOOD.getBytes());
    assertThat(s.previous()).hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(OLD.getBytes()));
    assertThat(s.toString()).doesNotContain(GOOD).doesNotContain(OLD);
  }

  @Test
  void variableNamesAreConfigurable() {
    SecurityOptions custom = Secure.options(s -> s.getToken().setSigningSecretEnv("APP_KEY").setPreviousSigningSecretEnv("APP_KEY_OLD")
        .setRequireSigningSecret(true));
    SigningSecrets s = SigningSecrets.resolve(custom, Map.of("APP_KEY", GOOD), false);
    assertThat(s.current().getEncoded()).isEqualTo(GOOD.getBytes());
    assertThat(s.previous()).isEmpty();
    assertThatThrownBy(() -> SigningSecrets.resolve(custom, Map.of("HONOSTAR_SIGNING_SECRET", GOOD), false))
        .hasMessageContaining("APP_KEY is not set");
  }

  @Test
  void previousWithoutCurrentIsAConfigurationError() {
    assertThatThrownBy(() -> SigningSecrets.resolve(options, Map.of("HONOSTAR_SIGNING_SECRET_PREVIOUS", OLD), false))
        .hasMessageContaining("HONOSTAR_SIGNING_SECRET_PREVIOUS is set but HONOSTAR_SIGNING_SECRET is not");
  }
}
