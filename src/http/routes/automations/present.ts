import type { AutomationRun } from '../../../store/repositories/automationRuns';
import type { StoredAutomation } from '../../../store/repositories/automations';
import type { ChannelKind } from '../../../store/schema';

export function presentAutomation(automation: StoredAutomation, channelKind?: ChannelKind) {
  return {
    id: automation.id,
    channelId: automation.channelId,
    ...(channelKind && { channel: channelKind }),
    name: automation.name,
    enabled: automation.enabled,
    position: automation.position,
    trigger: automation.trigger,
    steps: automation.steps,
    stopOnAgentAction: automation.stopOnAgentAction,
    cooldownSeconds: automation.cooldownSeconds,
    createdAt: automation.createdAt,
    updatedAt: automation.updatedAt,
  };
}

export function presentRun(run: AutomationRun) {
  return {
    id: run.id,
    automationId: run.automationId,
    conversationId: run.conversationId,
    triggerMessageId: run.triggerMessageId,
    state: run.state,
    stepIndex: run.stepIndex,
    waitingForReply: run.waitingForReply,
    waitingUntil: run.waitingUntil,
    reason: run.reason,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}
