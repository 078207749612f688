package io.dhcpsuite.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.ha.listener.HaListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** suite.ha.listener-address: the listener binds another address than the peer url's, same port. */
class ListenUrlTest {
    @Test
    void keepsThePeerUrlWithoutAnOverride() {
        URI url = URI.create("http://198.18.255.1:8001/");
        assertThat(HaServiceApplication.listenUrl(url, "")).isEqualTo(url);
        assertThat(HaServiceApplication.listenUrl(url, null)).isEqualTo(url);
    }

    @Test
    void replacesOnlyTheHost() {
        assertThat(HaServiceApplication.listenUrl(URI.create("http://10.96.200.11:8001/"), "0.0.0.0"))
                .isEqualTo(URI.create("http://0.0.0.0:8001/"));
        assertThat(HaServiceApplication.listenUrl(URI.create("http://[2001:db8::1]:8001/"), "::"))
                .isEqualTo(URI.create("http://[::]:8001/"));
        assertThat(HaServiceApplication.listenUrl(URI.create("http://192.0.2.1/"), "0.0.0.0"))
                .isEqualTo(URI.create("http://0.0.0.0/"));
    }

    @Test
    void aListenerOnTheWildcardAnswersOnLoopback() throws Exception {
        CommandDispatcher d = new CommandDispatcher();
        try (HaListener listener = new HaListener(
                HaServiceApplication.listenUrl(URI.create("http://192.0.2.1:0/"), "0.0.0.0"), d)) {
            listener.start();
            int port = listener.address().getPort();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"no-such-command\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"result\":2", "not supported");
        }
    }
}
