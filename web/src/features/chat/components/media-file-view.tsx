import { Download, RotateCw } from 'lucide-react';
import { Button } from '../../../components/ui/button';
import { errorMessage } from '../../../lib/api';
import type { MediaFile } from '../api/list-contact-timeline';
import { useRetryMediaDownload } from '../api/retry-media-download';

const KIND_NAME: Record<string, string> = { image: 'Image', sticker: 'Sticker', audio: 'Audio', video: 'Video', file: 'Document' };

/** `1.2 MB`, `340 KB`: a document's size next to its name. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * A message's file from Braid's own storage: images and stickers inline, audio and video with a
 * player, documents as a named download with their size. One that could not be fetched says why
 * and offers a retry; one still on its way says so.
 */
/** `sent`: the agent's own file, named as sent to the customer rather than from them. */
export function MediaFileView({ file, customerName, voice, sent }: { file: MediaFile; customerName: string; voice?: boolean; sent?: boolean }) {
  const party = sent ? `sent to ${customerName}` : `from ${customerName}`;
  const retry = useRetryMediaDownload();
  const name = KIND_NAME[file.kind] ?? 'File';
  if (file.state === 'failed' || (file.state === 'stored' && !file.url)) {
    return (
      <div className="msg-media-missing" role="group" aria-label={`${name} not available`}>
        <p>
          <strong>{name} not available</strong>
          {file.failure && <span className="muted">: {file.failure}</span>}
        </p>
        <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate(file.id)}>
          <RotateCw aria-hidden="true" size={14} /> Retry
        </Button>
        {retry.isError && <p className="form-error" role="alert">{errorMessage(retry.error)}</p>}
      </div>
    );
  }
  if (file.state === 'pending' || !file.url) return <p className="msg-media-pending muted">{name} downloading…</p>;
  if (file.kind === 'image' || file.kind === 'sticker') {
    return (
      <a href={file.url} target="_blank" rel="noreferrer" className="msg-image-link">
        <img className={file.kind === 'sticker' ? 'msg-sticker' : 'msg-image'} src={file.url} alt={`Image ${party}`} loading="lazy" />
      </a>
    );
  }
  if (file.kind === 'audio') {
    return <audio className="msg-audio" controls preload="metadata" src={file.url} aria-label={voice ? `Voice note ${party}` : `Audio ${party}`} />;
  }
  if (file.kind === 'video') {
    return <video className="msg-video" controls preload="metadata" src={file.url} aria-label={`Video ${party}`} />;
  }
  const filename = file.filename ?? 'Document';
  return (
    <a href={file.url} download={filename} className="msg-attachment">
      <Download aria-hidden="true" size={16} />
      <span>{filename}</span>
      {file.size !== null && <span className="muted"> ({formatFileSize(file.size)})</span>}
    </a>
  );
}
