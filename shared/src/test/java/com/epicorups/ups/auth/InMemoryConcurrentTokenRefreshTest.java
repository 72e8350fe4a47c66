package com.epicorups.ups.auth;

import com.epicorups.store.TokenCacheStore;
import com.epicorups.store.memory.InMemoryTokenCacheStore;

class InMemoryConcurrentTokenRefreshTest extends AbstractConcurrentTokenRefreshTest {
    @Override
    protected TokenCacheStore newStore() {
        return new InMemoryTokenCacheStore();
    }
}
