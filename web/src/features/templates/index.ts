export { SendTemplateDialog } from './components/send-template-dialog';
export { useTemplates, type MessageTemplate } from './api/list-templates';
export { FallbackTemplateForm } from './components/fallback-template-form';
