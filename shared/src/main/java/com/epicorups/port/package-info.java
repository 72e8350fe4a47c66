/**
 * Ports: what the use cases need from Epicor and UPS, in the connector's own terms. The Epicor client
 * ({@code com.epicorups.epicor}) and the UPS client ({@code com.epicorups.ups}) implement them; the use
 * cases ({@code com.epicorups.pipeline}) depend only on these interfaces, so each side is tested alone.
 * Failures are {@link com.epicorups.core.ConnectorException}s with a specific reason code.
 */
package com.epicorups.port;
