import type { crm } from '@crm/proto';
import { sellAmount, sellTime } from '../../../sell/sell-record';

const values = (v: crm.deals.v1.CurrencyAmount[]) => v.map((x) => ({ currency: x.currency, amount: sellAmount(x.amount) }));

/** A pipeline's summary as `/v2/analytics/deal_summary` and the dashboard show it. */
export function presentDealSummary(res: crm.deals.v1.SummarizeDealsResponse, period: { from: Date; to: Date }) {
  return {
    pipeline_id: Number(res.pipelineId),
    period: { from: sellTime(period.from), to: sellTime(period.to) },
    stages: res.stages.map((s) => {
      const entered = Number(s.entered);
      return {
        stage_id: Number(s.current!.stageId),
        deal_count: Number(s.current!.dealCount),
        values: values(s.current!.values),
        entered,
        advanced: Number(s.advanced),
        conversion_rate: entered > 0 ? Math.round((Number(s.advanced) / entered) * 10_000) / 10_000 : null,
        average_seconds_in_stage: s.averageSecondsInStage > 0 ? Math.round(s.averageSecondsInStage * 10) / 10 : null,
      };
    }),
    outcomes: Object.fromEntries(res.outcomes.map((o) => [o.category, { deal_count: Number(o.dealCount), values: values(o.values) }])),
  };
}
