/**
 * "Demander de l'aide": a request that stays until someone answers it. It runs beside the
 * visit's machine (kioskMachine), not inside it, on purpose: the visit's privacy reset
 * (idle, quit, end) forgets the person's answers but must not silently drop a call for help
 * that staff have not answered yet — the person may be standing there waiting, without
 * touching the screen. A help request holds nothing about the person.
 *
 * The request ends only when the visitor cancels it or staff acknowledge it with the staff
 * gesture. While it is open the chime rings every `repeatMs`, at most `maxRings` times.
 */
import { assign, setup } from 'xstate';

export interface HelpMachineInput {
  /** The site's chime is on. */
  chime: boolean;
  /** Milliseconds between two rings. */
  repeatMs: number;
  /** Rings at most per request (≥ 1). */
  maxRings: number;
}

export interface HelpContext {
  input: HelpMachineInput;
  /** Rings played for the open request. */
  rings: number;
}

export type HelpEvent =
  /** The visitor tapped "Demander de l'aide". */
  | { type: 'HELP_REQUEST' }
  /** The visitor withdrew their own request. */
  | { type: 'HELP_CANCEL' }
  /** A member of staff answered it (the staff gesture). */
  | { type: 'HELP_ACKNOWLEDGE' };

export const helpMachine = setup({
  types: {
    context: {} as HelpContext,
    events: {} as HelpEvent,
    input: {} as HelpMachineInput,
  },
  actions: {
    // Provided by the renderer (the Web Audio chime); the machine only decides when.
    ring: () => {},
    countRing: assign({ rings: ({ context }) => context.rings + 1 }),
    forgetRings: assign({ rings: 0 }),
  },
  delays: {
    repeat: ({ context }) => context.input.repeatMs,
  },
  guards: {
    chimeOn: ({ context }) => context.input.chime,
    moreRings: ({ context }) => context.rings < context.input.maxRings,
  },
}).createMachine({
  id: 'help',
  context: ({ input }) => ({ input, rings: 0 }),
  initial: 'none',
  states: {
    none: {
      on: { HELP_REQUEST: { target: 'requested', actions: 'forgetRings' } },
    },
    requested: {
      initial: 'deciding',
      states: {
        deciding: {
          always: [{ guard: 'chimeOn', target: 'ringing' }, { target: 'silent' }],
        },
        ringing: {
          entry: ['ring', 'countRing'],
          after: {
            repeat: [{ guard: 'moreRings', target: 'ringing', reenter: true }, { target: 'silent' }],
          },
        },
        // Rung enough (or the site turned the chime off): the banner stays until answered.
        silent: {},
      },
      on: {
        // Tapping again while waiting changes nothing: the request is already open.
        HELP_REQUEST: {},
        HELP_CANCEL: 'none',
        HELP_ACKNOWLEDGE: 'none',
      },
    },
  },
});
