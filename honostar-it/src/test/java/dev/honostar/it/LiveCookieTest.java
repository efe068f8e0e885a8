package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live identity cookie is Secure whenever the request was HTTPS, as the CSRF cookie is. */
class LiveCookieTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().setTrustForwardedHeaders(true);
    return options;
  }

  @Test
  void behindATrustedTlsProxyTheLiveCookieIsSecure() throws Exception {
    WebClient client = WebClient.create(vertx);
    var viaProxy = client.get(server.actualPort(), "localhost", "/feed").putHeader("X-Forwarded-Proto", "https").send()
      .await(10, TimeUnit.SECONDS);
    assertThat(viaProxy.cookies()).anySatisfy(c -> assertThat(c).startsWith("ds_live=").contains("Secure"));
    var plain = client.get(server.actualPort(), "localhost", "/feed").send().await(10, TimeUnit.SECONDS);
    assertThat(plain.cookies()).anySatisfy(c -> assertThat(c).startsWith("ds_live=").doesNotContain("Secure"));
  }
}
