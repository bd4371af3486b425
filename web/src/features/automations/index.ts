export { AutomationList } from './components/automation-list';
