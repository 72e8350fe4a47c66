/**
 * The UPS client: everything the connector does with UPS's OAuth REST APIs.
 *
 * <ul>
 *   <li>{@link com.epicorups.ups.UpsSettings}: CONNECTOR_SETTINGS.ups, typed and checked;
 *       {@link com.epicorups.ups.UpsSecret}: the endpoint and the OAuth client credentials. The clients get both.</li>
 *   <li>{@code auth}: {@link com.epicorups.ups.auth.UpsTokenProvider} (client credentials, shared cache,
 *       lease, daily budget, 429 block).</li>
 *   <li>{@code transport}: {@link com.epicorups.ups.transport.UpsHttp} (headers, one token refresh on
 *       401/250002/251004/UJ0001, classification into {@link com.epicorups.ups.transport.UpsApiException},
 *       retries for idempotent calls only; {@code outcomeUnknown()} tells the pipeline a ship POST may
 *       have created a label).</li>
 *   <li>{@code wire}: lenient JSON readers (single object or array, "" indicators, numbers as strings),
 *       the error body and the status-code mapping.</li>
 *   <li>One client per API: {@code address}, {@code ship}, {@code track}, {@code quantumview},
 *       {@code trackalert}; {@link com.epicorups.ups.UpsPing} for operators;
 *       {@link com.epicorups.ups.UpsClients} wires them.</li>
 * </ul>
 */
package com.epicorups.ups;
