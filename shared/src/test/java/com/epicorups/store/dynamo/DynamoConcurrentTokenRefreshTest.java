package com.epicorups.store.dynamo;

import com.epicorups.store.TokenCacheStore;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.ups.auth.AbstractConcurrentTokenRefreshTest;
import org.junit.jupiter.api.AfterEach;

/**
 * Fifty cold instances (separate UpsTokenProvider and HttpClient objects) sharing the DynamoDB token cache on the
 * emulator make one token request: the lease is a conditional update, so exactly one instance calls UPS.
 */
class DynamoConcurrentTokenRefreshTest extends AbstractConcurrentTokenRefreshTest {
    private static final AwsEmulator AWS = AwsEmulator.get();

    @Override
    protected TokenCacheStore newStore() {
        return new DynamoTokenCacheStore(AWS.dynamoDb(), AWS.provision("TokenCacheTable").tokenCacheTable());
    }

    @AfterEach
    void printTokenRequests() {
        System.out.println("DynamoDB token cache: 50 concurrent instances made " + ups.tokenCalls.get()
                + " UPS token request(s)");
    }
}
