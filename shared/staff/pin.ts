/** The staff PIN: 6 to 12 digits, typed on the kiosk's own number pad or a keyboard. */
import { z } from 'zod';

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;
export const newPinSchema = z.string().regex(new RegExp(`^\\d{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`));
/** What an unlock accepts: anything short; a PIN of the wrong shape simply counts as wrong. */
export const pinAttemptSchema = z.string().min(1).max(64);
