package com.pulse.devstack;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigTests {

    private static final Ports PORTS = new Ports(1001, 1002, 1003, 1004, 1005, 1006);

    @Test
    void clickhouseConfigIsPrivateToItsDirectory() throws Exception {
        Document config = xml(ClickHouseConfig.configXml(Path.of("/x/clickhouse"), Path.of("/x/logs"), PORTS));

        assertThat(text(config, "http_port")).isEqualTo("1004");
        assertThat(text(config, "tcp_port")).isEqualTo("1005");
        assertThat(text(config, "interserver_http_port")).isEqualTo("1006");
        assertThat(text(config, "listen_host")).isEqualTo("127.0.0.1");
        assertThat(text(config, "timezone")).isEqualTo("UTC");
        assertThat(text(config, "path")).isEqualTo("/x/clickhouse/data/");
        assertThat(text(config, "tmp_path")).isEqualTo("/x/clickhouse/tmp/");
        assertThat(text(config, "user_files_path")).isEqualTo("/x/clickhouse/user_files/");
        assertThat(text(config, "format_schema_path")).isEqualTo("/x/clickhouse/format_schemas/");
        assertThat(text(config, "log")).isEqualTo("/x/logs/clickhouse-server.log");
        assertThat(config.getDocumentElement().getTagName()).isEqualTo("yandex");
    }

    @Test
    void clickhouseDefaultUserHasNoPasswordAndOnlyLoopback() throws Exception {
        Document users = xml(ClickHouseConfig.usersXml());

        assertThat(text(users, "password")).isEmpty();
        assertThat(users.getElementsByTagName("ip").item(0).getTextContent()).isEqualTo("127.0.0.1");
        assertThat(users.getElementsByTagName("ip").getLength()).isEqualTo(2);
    }

    @Test
    void kafkaIsOneNodeKraftWithReplicationOne() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(KafkaConfig.serverProperties(Path.of("/x/kafka/data"), 1002, 1003)));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:1003");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:1002,CONTROLLER://127.0.0.1:1003");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:1002");
        assertThat(p.getProperty("log.dirs")).isEqualTo("/x/kafka/data");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(p.getProperty("num.partitions")).isEqualTo("3");
    }

    @Test
    void portsSurviveTheirFileFormat() {
        assertThat(Ports.parse(PORTS.render())).isEqualTo(PORTS);
        assertThat(Ports.free().all()).doesNotHaveDuplicates().allMatch(p -> p > 0);
    }

    @Test
    void jdbcUrlKeepsHostAndParametersButSwapsTheDatabase() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5/pulse?user=postgres", "t_a_b"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5/t_a_b?user=postgres");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5/pulse?user=u&password=p", "t"))
                .isEqualTo("jdbc:postgresql://h:5/t?user=u&password=p");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5", "t")).isEqualTo("jdbc:postgresql://h:5/t");
    }

    @Test
    void clickhouseBinaryIsFoundOnThePathOrNotAtAll() {
        assertThat(ClickHouseService.findBinary("/nonexistent/clickhouse-server", "/usr/bin")).isEmpty();
        assertThat(ClickHouseService.INSTALL_HINT).contains("apt-get install -y clickhouse-server");
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc, String tag) {
        return doc.getElementsByTagName(tag).item(0).getTextContent();
    }
}
