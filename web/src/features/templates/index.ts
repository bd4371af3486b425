export { SendTemplateDialog } from './components/send-template-dialog';
export { useTemplates, type MessageTemplate } from './api/list-templates';
