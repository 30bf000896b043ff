import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code drawn locally (no network), shown as an image with a text alternative. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="qr__code" src={src} alt={label} data-qr-text={text} /> : null;
}
