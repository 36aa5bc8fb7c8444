package dev.flywheel.contracts.spec;

/** A query parameter that fixes an API's page size ({@code {param: limit, value: 100}}). */
public record ApiPageSize(String param, int value) {
}
