package org.allyledger.api.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Traces what a request or a record started, with everything beneath it; drops a client span that starts a trace of its
 * own: the queries of background work (gauges refreshed, rebuild claims polled) would otherwise each be a trace, every
 * few seconds, burying the ones an operator looks for. Quarkus uses this bean instead of its default sampler.
 */
@Singleton
public class BackgroundQueriesSampler implements Sampler {
    private final Sampler delegate = Sampler.parentBased(new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
                                           List<LinkData> links) {
            return kind == SpanKind.CLIENT ? SamplingResult.drop() : SamplingResult.recordAndSample();
        }

        @Override
        public String getDescription() {
            return "DropRootClientSpans";
        }
    });

    @Override
    public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
                                       List<LinkData> links) {
        return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
    }

    @Override
    public String getDescription() {
        return delegate.getDescription();
    }
}
