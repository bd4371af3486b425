import { ApiError } from '../../../lib/api';

/**
 * Downloads everything Braid keeps about the customer (braid.contact-export, admins only) as the
 * zip the server names: the JSON and the customer's media files. Fetched rather than followed,
 * so a refusal shows on the page.
 */
export async function exportContact(contactId: string): Promise<void> {
  const response = await fetch(`/api/contacts/${encodeURIComponent(contactId)}/export`, { credentials: 'same-origin', headers: { Accept: 'application/zip, application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? 'The download failed. Try again.');
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `contact-${contactId}.zip`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
