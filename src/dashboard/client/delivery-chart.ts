import uPlot from "uplot";
import type { MinuteStats } from "./delivery-stats";

/** Deliveries per minute (bars, left axis) and processing-time p50/p95 (lines, right axis, ms), drawn by uPlot. */
export function createDeliveryChart(container: HTMLElement) {
  const options: uPlot.Options = {
    width: Math.max(320, container.clientWidth),
    height: 220,
    scales: {
      // Half a minute of room at each end, so the first and last bars are drawn whole.
      x: { time: true, range: (_u, min, max) => [min - 30, max + 30] },
      count: { range: (_u, _min, max) => [0, Math.max(5, max)] },
      ms: { range: (_u, _min, max) => [0, Math.max(10, max)] },
    },
    axes: [{}, { scale: "count", label: "deliveries / min" }, { scale: "ms", side: 1, label: "processing ms", grid: { show: false } }],
    series: [
      {},
      { label: "deliveries", scale: "count", stroke: "#1f6feb", fill: "rgba(31,111,235,0.25)", paths: uPlot.paths.bars!({ size: [0.7, 40] }) },
      { label: "p50 ms", scale: "ms", stroke: "#2da44e", width: 2, spanGaps: true },
      { label: "p95 ms", scale: "ms", stroke: "#cf222e", width: 2, spanGaps: true },
    ],
  };
  const chart = new uPlot(options, [[], [], [], []], container);
  new ResizeObserver(() => chart.setSize({ width: Math.max(320, container.clientWidth), height: 220 })).observe(container);
  return {
    update(stats: MinuteStats) {
      chart.setData([stats.minutes, stats.counts, stats.p50, stats.p95] as uPlot.AlignedData);
    },
  };
}
