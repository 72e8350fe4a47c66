/**
 * The real UPS client against the real ups-sandbox, which validates every request against UPS's official
 * OpenAPI specs (strict: undeclared fields fail) and self-checks its answers against the response schemas.
 * {@link com.epicorups.ups.it.UpsSandboxExtension} starts one sandbox per test class and fails any test after
 * which the sandbox recorded a request or answer that does not match the spec. Plain surefire tests: run with
 * {@code mvn -B -q -pl shared -am test -Dtest='*SandboxTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package com.epicorups.ups.it;
