package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** Changes over both APIs land in the audit trail with who, what and where; reads do not; reading it is guarded. */
class AuditTrailApiTest {
    static TestServer server;
    static EcrClient ecr;
    static BerthApiClient berth;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
        berth = new BerthApiClient(server, EcrClients.root());
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    @Test
    void changesOverBothApisAreRecordedNewestFirstAndReadsAreNot() {
        ecr.createRepository(b -> b.repositoryName("audit/app"));
        byte[] manifest = EcrClients.image(server.http(), "audit/app", 7, 1024);
        OciClient oci = new OciClient(server.http());
        String digest = oci.pushManifest("audit/app", "1.0", manifest, Fixtures.OCI_MANIFEST);
        ecr.describeImages(b -> b.repositoryName("audit/app"));
        oci.manifest("audit/app", "1.0");
        ecr.batchDeleteImage(b -> b.repositoryName("audit/app").imageIds(ImageIdentifier.builder().imageTag("1.0").build()));

        BerthApiClient.Answer answer = berth.call("DescribeAuditEvents", "{\"repositoryName\":\"audit/app\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        answer.body().get("auditEvents").forEach(events::add);
        assertThat(events).extracting(e -> e.get("action").asText())
                .containsExactly("ecr:BatchDeleteImage", "ecr:PutImage", "ecr:CreateRepository");
        JsonNode push = events.get(1);
        assertThat(push.get("actor").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(push.get("target").asText()).isEqualTo("1.0@" + digest);
        assertThat(push.get("detail").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(push.get("detail").get("parameters").get("api").asText()).isEqualTo("oci-distribution");
        JsonNode delete = events.get(0);
        assertThat(delete.get("detail").get("parameters").get("imageIds").get(0).get("imageTag").asText())
                .isEqualTo("1.0");
        assertThat(delete.get("detail").get("requestId").asText()).isNotBlank();
        assertThat(events.get(0).get("eventTime").asDouble()).isGreaterThanOrEqualTo(events.get(2).get("eventTime").asDouble());
    }

    @Test
    void pagesWithATokenAndRefusesBadInputInEcrShapes() {
        for (int i = 0; i < 3; i++) {
            ecr.createRepository(b -> b.repositoryName("audit/page-" + System.nanoTime()));
        }
        BerthApiClient.Answer first = berth.call("DescribeAuditEvents", "{\"maxResults\":2}");
        assertThat(first.body().get("auditEvents")).hasSize(2);
        String token = first.body().get("nextToken").asText();
        BerthApiClient.Answer second = berth.call("DescribeAuditEvents", "{\"maxResults\":2,\"nextToken\":\"" + token + "\"}");
        assertThat(Long.parseLong(second.body().get("auditEvents").get(0).get("eventId").asText()))
                .isLessThan(Long.parseLong(first.body().get("auditEvents").get(1).get("eventId").asText()));

        BerthApiClient.Answer bad = berth.call("DescribeAuditEvents", "{\"maxResults\":0}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("__type").asText()).isEqualTo("InvalidParameterException");
        BerthApiClient.Answer unknown = berth.call("NoSuchThing", "{}");
        assertThat(unknown.body().get("__type").asText()).isEqualTo("UnknownOperationException");
    }
}
