/// Where a forecast's P50–P95 whisker lies on a timeline's axis: both HTML timelines (the
/// export page and the served one, two templates) draw it from this.
public struct ForecastWhisker: Sendable, Equatable {
    /// Fractions of the axis (0 … 1): P50 (or the axis start), P95's day end (or the axis end).
    public var left: Double
    public var right: Double
    public var label: String

    /// nil when the span is off the axis.
    public init?(_ forecast: ItemForecast, on timeline: Timeline) {
        guard forecast.p50 <= timeline.lastDay, forecast.p95 >= timeline.firstDay else { return nil }
        left = timeline.position(ofDay: max(forecast.p50, timeline.firstDay))
        right = max(timeline.position(ofDay: min(forecast.p95, timeline.lastDay) + 1), left + 0.004)
        func day(_ number: Int) -> String { RoadmapDate(dayNumber: number).text }
        label = "forecast P50 \(day(forecast.p50)), P80 \(day(forecast.p80)), P95 \(day(forecast.p95))"
    }
}
