import QRCode from 'qrcode';
import { ValidationFailure } from 'src/common/errors/validation-failure';

export type QrOptions = { size: number; margin: number; errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' };

const DEFAULT_QR_OPTIONS: QrOptions = { size: 300, margin: 4, errorCorrectionLevel: 'M' };

function integerParameter(value: string | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new ValidationFailure(field, `must be a whole number from ${min} to ${max}`);
  return Number(value);
}

/** Reads ?size=&margin=&ecc= of the QR endpoints. */
export function parseQrOptions(query: Record<string, string | undefined>): QrOptions {
  const level = (query.ecc ?? query.errorCorrectionLevel ?? DEFAULT_QR_OPTIONS.errorCorrectionLevel).toUpperCase();
  if (!['L', 'M', 'Q', 'H'].includes(level)) throw new ValidationFailure('ecc', 'must be one of L, M, Q, H');
  return {
    size: integerParameter(query.size, 'size', 64, 2048, DEFAULT_QR_OPTIONS.size),
    margin: integerParameter(query.margin, 'margin', 0, 16, DEFAULT_QR_OPTIONS.margin),
    errorCorrectionLevel: level as QrOptions['errorCorrectionLevel'],
  };
}

export function renderQrSvg(text: string, options: QrOptions = DEFAULT_QR_OPTIONS): Promise<string> {
  return QRCode.toString(text, { type: 'svg', width: options.size, margin: options.margin, errorCorrectionLevel: options.errorCorrectionLevel });
}

export function renderQrPng(text: string, options: QrOptions = DEFAULT_QR_OPTIONS): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width: options.size, margin: options.margin, errorCorrectionLevel: options.errorCorrectionLevel });
}
