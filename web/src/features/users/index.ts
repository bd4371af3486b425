export { AgentsPage } from './routes/agents';
export { useAgentNames } from './use-agent-names';
