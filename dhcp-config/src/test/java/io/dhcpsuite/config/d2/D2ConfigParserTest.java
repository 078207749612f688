package io.dhcpsuite.config.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class D2ConfigParserTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FULL = """
            {"DhcpDdns": {
              "ip-address": "127.0.0.1", "port": 53001, "dns-server-timeout": 500,
              "ncr-protocol": "UDP", "ncr-format": "JSON", "user-context": {"a": 1}, "comment": "d2",
              "control-socket": {"socket-type": "unix", "socket-name": "/tmp/d2.sock"},
              "loggers": [], "hooks-libraries": [],
              "tsig-keys": [{"name": "k1", "algorithm": "HMAC-SHA256", "secret": "c2VjcmV0c2VjcmV0", "digest-bits": 0}],
              "forward-ddns": {"ddns-domains": [
                {"name": "example.org.", "key-name": "k1", "dns-servers": [
                  {"ip-address": "192.0.2.53"}, {"ip-address": "192.0.2.54", "port": 5353, "key-name": ""}]}]},
              "reverse-ddns": {"ddns-domains": [
                {"name": "2.0.192.in-addr.arpa.", "dns-servers": [{"ip-address": "192.0.2.53", "key-name": "k1"}]}]}
            }}""";

    private static D2Config parse(String json) {
        return D2ConfigParser.fromDocument(JSON.readTree(json));
    }

    @Test
    void defaultsAreKeas() {
        D2Config c = parse("{}");
        assertThat(c.ipAddress()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(53001);
        assertThat(c.dnsServerTimeout()).isEqualTo(500);
        assertThat(c.ncrProtocol()).isEqualTo("UDP");
        assertThat(c.forwardDomains()).isEmpty();
    }

    @Test
    void readsDomainsServersAndKeysWithServerKeysOverridingDomainKeys() {
        D2Config c = parse(FULL);
        var fwd = c.forwardDomains().getFirst();
        assertThat(fwd.name()).isEqualTo("example.org.");
        assertThat(fwd.servers()).extracting(D2Config.DnsServer::port).containsExactly(53, 5353);
        assertThat(fwd.servers()).extracting(D2Config.DnsServer::keyName).containsExactly("k1", "k1");
        assertThat(c.reverseDomains().getFirst().servers().getFirst().keyName()).isEqualTo("k1");
        assertThat(c.tsigKeys().get("k1").secret()).asString().isEqualTo("secretsecret");
    }

    @Test
    void masksSecretsForConfigGet() {
        assertThat(D2ConfigParser.masked(parse(FULL)).toString()).contains("\"secret\":\"*****\"")
                .doesNotContain("c2VjcmV0c2VjcmV0");
    }

    @Test
    void readsTheSecretFromSecretFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k1.secret");
        Files.writeString(file, "c2VjcmV0c2VjcmV0\n");
        D2Config c = parse(FULL.replace("\"secret\": \"c2VjcmV0c2VjcmV0\"", "\"secret-file\": \"" + file + "\""));
        assertThat(c.tsigKeys().get("k1").secret()).asString().isEqualTo("secretsecret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"port\": 53001|\"port\": 70000|DhcpDdns/port: value 70000 is out of range 1..65535",
        "\"ncr-protocol\": \"UDP\"|\"ncr-protocol\": \"TCP\"|DhcpDdns/ncr-protocol: TCP is not yet supported",
        "\"ncr-format\": \"JSON\"|\"ncr-format\": \"XML\"|DhcpDdns/ncr-format: invalid value 'XML', only JSON is supported",
        "\"ip-address\": \"127.0.0.1\"|\"ip-address\": \"0.0.0.0\"|DhcpDdns/ip-address: IP address cannot be \"0.0.0.0\"",
        "\"dns-server-timeout\": 500|\"dns-server-timeout\": 0|DhcpDdns/dns-server-timeout: value 0 is out of range 1..",
        "\"comment\": \"d2\"|\"bogus\": 1|DhcpDdns/bogus: unknown parameter",
        "\"port\": 5353, \"key-name\": \"\"|\"port\": 0|DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[1]/port: value 0 is out of range 1..65535",
        "{\"ip-address\": \"192.0.2.53\"}, |{\"ip-address\": \"192.0.2.53\", \"hostname\": \"ns1\"}, |DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[0]/hostname: hostname is not yet supported",
        "\"ip-address\": \"192.0.2.54\"|\"ip-address\": \"ns.example.org\"|DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[1]/ip-address: 'ns.example.org' is not an IPv4 or IPv6 address",
        "\"name\": \"example.org.\", \"key-name\": \"k1\"|\"name\": \"example.org.\", \"key-name\": \"k2\"|DhcpDdns/forward-ddns/ddns-domains[0]/key-name: specifies an undefined key 'k2'",
        "\"name\": \"2.0.192.in-addr.arpa.\"|\"name\": \"example.net.\"|DhcpDdns/reverse-ddns/ddns-domains[0]/name: 'example.net.' is not under in-addr.arpa. or ip6.arpa.",
        "\"algorithm\": \"HMAC-SHA256\"|\"algorithm\": \"HMAC-SHA3\"|DhcpDdns/tsig-keys[0]/algorithm: unknown TSIG key algorithm 'HMAC-SHA3'",
        "\"digest-bits\": 0|\"digest-bits\": 100|DhcpDdns/tsig-keys[0]/digest-bits: must be 0, or a multiple of 8",
        "\"secret\": \"c2VjcmV0c2VjcmV0\"|\"secret\": \"not base64!\"|DhcpDdns/tsig-keys[0]/secret: secret is not valid base64",
        "\"dns-servers\": [{\"ip-address\": \"192.0.2.53\", \"key-name\": \"k1\"}]|\"dns-servers\": []|DhcpDdns/reverse-ddns/ddns-domains[0]/dns-servers: a domain needs a list of at least one DNS server",
    })
    void refusesBadValuesNamingThePath(String from, String to, String message) {
        String json = FULL.replace(from, to);
        assertThat(json).isNotEqualTo(FULL);
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void refusesDuplicateDomainsAndKeys() {
        assertThatThrownBy(() -> parse("""
                {"DhcpDdns": {"forward-ddns": {"ddns-domains": [
                  {"name": "Example.org", "dns-servers": [{"ip-address": "192.0.2.1"}]},
                  {"name": "example.org.", "dns-servers": [{"ip-address": "192.0.2.1"}]}]}}}"""))
                .hasMessage("DhcpDdns/forward-ddns/ddns-domains[1]/name: duplicate domain 'example.org.'");
        assertThatThrownBy(() -> parse("""
                {"DhcpDdns": {"tsig-keys": [{"name": "k", "algorithm": "HMAC-MD5", "secret": "YWJj"},
                  {"name": "k", "algorithm": "HMAC-MD5", "secret": "YWJj"}]}}"""))
                .hasMessage("DhcpDdns/tsig-keys[1]/name: duplicate TSIG key name 'k'");
    }
}
