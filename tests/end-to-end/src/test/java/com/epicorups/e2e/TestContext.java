package com.epicorups.e2e;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.epicorups.config.FunctionTimeout;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context an invocation gets; its logger writes where Lambda's would (stdout). Its remaining time counts
 * down from the function's Timeout in template.yaml, as Lambda's does: the handlers fit their calls into it.
 */
final class TestContext implements Context {
    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final long timeoutMillis;
    private final long startedNanos = System.nanoTime();

    TestContext(String functionName) {
        this(functionName, templateTimeoutMillis(functionName));
    }

    TestContext(String functionName, long timeoutMillis) {
        this.functionName = functionName;
        this.timeoutMillis = timeoutMillis;
    }

    /** The Timeout template.yaml gives the function (FunctionTimeout pins them); the webhook's is 10 s. */
    private static long templateTimeoutMillis(String functionName) {
        String name = functionName.toLowerCase(java.util.Locale.ROOT);
        FunctionTimeout f = name.contains("shipment") ? FunctionTimeout.SHIPMENT_CREATOR
                : name.contains("tracking") ? FunctionTimeout.TRACKING_WRITER
                : name.contains("orderpoller") ? FunctionTimeout.ORDER_POLLER
                : name.contains("quantumview") ? FunctionTimeout.QUANTUM_VIEW_POLLER
                : name.contains("renewer") ? FunctionTimeout.SUBSCRIPTION_RENEWER : null;
        return f == null ? 10_000 : f.timeout().toMillis();
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "e2e"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, timeoutMillis - (System.nanoTime() - startedNanos) / 1_000_000);
    }
    @Override public int getMemoryLimitInMB() { return 1024; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.println(message); }
            @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
