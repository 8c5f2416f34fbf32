package dev.berth.server;

import dev.berth.api.aws.AwsApiHandler;
import dev.berth.api.distribution.DistributionHandler;
import dev.berth.api.http.Exchange;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one port: {@code /v2} is the registry, {@code POST /} the AWS APIs (ECR, STS, IAM), {@code /healthz} the
 * readiness probe. Handlers block on virtual
 * threads; the Jetty callback is completed here once the exchange is done.
 */
final class RootHandler extends Handler.Abstract {
    private final DistributionHandler distribution;
    private final AwsApiHandler aws;

    RootHandler(DistributionHandler distribution, AwsApiHandler aws) {
        super(InvocationType.BLOCKING);
        this.distribution = distribution;
        this.aws = aws;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response);
        try {
            String path = ex.path();
            if (path.equals("/v2") || path.startsWith("/v2/")) {
                distribution.handle(ex);
            } else if (AwsApiHandler.accepts(ex)) {
                aws.handle(ex);
            } else if (path.equals("/healthz")) {
                ex.send(200, "text/plain", "ok\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                ex.send(404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII));
            }
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
        }
        return true;
    }
}
