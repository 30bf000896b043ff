/**
 * Brand names given as examples in the visitor texts ("WhatsApp, Messenger…"). They age:
 * Skype closed in May 2025 and was still offered as an example in 2026. This is the one place
 * that lists every brand, how each language may spell it, and every text that cites it, so
 * that replacing one is a search of this file rather than of seven languages; each language
 * may pick its own (Viber and Telegram for Ukrainian, IMO for Dari). test/unit/examples.test.ts
 * fails when a text cites a brand at a key not listed here, when a listed key no longer cites
 * it, and when a retired brand comes back.
 */
export interface ExampleBrand {
  /** How the texts write the name, in Latin script and in Arabic or Dari script. */
  spellings: readonly string[];
  /** Every text key that cites it, in at least one language. */
  keys: readonly string[];
}

export const EXAMPLE_BRANDS: Record<string, ExampleBrand> = {
  WhatsApp: {
    spellings: ['WhatsApp', 'واتساب', 'واتس‌اپ'],
    keys: ['q.actCommunication.item.CALLS', 'q.actCommunication.item.MESSAGING', 'q.internetUse.includes.apps', 'q.internetUseCheck.includes.messages', 'q.taskVideoCall.label'],
  },
  Messenger: {
    spellings: ['Messenger', 'ماسنجر', 'مسنجر'],
    keys: ['q.actCommunication.item.CALLS', 'q.actCommunication.item.MESSAGING', 'q.internetUseCheck.includes.messages', 'q.taskVideoCall.label'],
  },
  Signal: { spellings: ['Signal', 'سيغنال', 'سیگنال'], keys: ['q.actCommunication.item.MESSAGING'] },
  Facebook: {
    spellings: ['Facebook', 'فيسبوك', 'فیسبوک'],
    keys: ['q.actCommunication.item.SOCIAL_NETWORKS', 'q.internetUse.includes.apps', 'q.internetUseCheck.includes.videos'],
  },
  YouTube: { spellings: ['YouTube', 'يوتيوب', 'یوتیوب'], keys: ['q.internetUse.includes.apps', 'q.internetUseCheck.includes.videos'] },
  Instagram: { spellings: ['Instagram', 'إنستغرام', 'اینستاگرام'], keys: ['q.actCommunication.item.SOCIAL_NETWORKS'] },
  Viber: { spellings: ['Viber'], keys: ['q.actCommunication.item.CALLS', 'q.taskVideoCall.label'] },
  Telegram: { spellings: ['Telegram'], keys: ['q.actCommunication.item.CALLS', 'q.taskVideoCall.label'] },
  IMO: { spellings: ['IMO', 'ایمو'], keys: ['q.actCommunication.item.CALLS', 'q.taskVideoCall.label'] },
  Word: { spellings: ['Word'], keys: ['q.actContent.item.WORD_PROCESSING'] },
  LibreOffice: { spellings: ['LibreOffice'], keys: ['q.actContent.item.SPREADSHEET', 'q.actContent.item.WORD_PROCESSING'] },
  'Google Docs': { spellings: ['Google Docs'], keys: ['q.actContent.item.WORD_PROCESSING'] },
  Excel: { spellings: ['Excel'], keys: ['q.actContent.item.SPREADSHEET', 'q.actContent.item.SPREADSHEET_ADVANCED'] },
  Leboncoin: { spellings: ['Leboncoin'], keys: ['q.actProblemSolving.item.SELL_ONLINE'] },
  Vinted: { spellings: ['Vinted'], keys: ['q.actProblemSolving.item.SELL_ONLINE'] },
  Chrome: { spellings: ['Chrome'], keys: ['q.taskBrowser.label'] },
  Firefox: { spellings: ['Firefox'], keys: ['q.taskBrowser.label'] },
  iPad: { spellings: ['iPad'], keys: ['q.computer.hint'] },
};

/** Brands that no text may cite any more, with the reason. */
export const RETIRED_BRANDS: Record<string, { spellings: readonly string[]; reason: string }> = {
  Skype: { spellings: ['Skype', 'سكايب', 'اسکایپ', 'Скайп'], reason: 'closed by Microsoft in May 2025' },
};
