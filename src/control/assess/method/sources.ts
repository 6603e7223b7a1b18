/** The published sources of the method (printed in the HTML report's method section and in docs/assess.md). */
export const METHOD_SOURCES: readonly { title: string; url: string; use: string }[] = [
  {
    title: 'European Commission, DG DIGIT — Cloud Sovereignty Framework, version 1.2.1 (October 2025)',
    url: 'https://commission.europa.eu/document/09579818-64a6-4dd5-9577-446ab6219113_en',
    use: 'the eight objectives SOV-1…SOV-8, their contributing factors (our criteria), the SEAL levels 0–4, the document weights 15/10/10/15/20/15/10/5 %',
  },
  {
    title: 'European Commission — Cloud Sovereignty Framework, Implementation guidance',
    url: 'https://commission.europa.eu/document/download/2ad80a48-166f-4c77-a513-80c53ca2a128_en',
    use: 'SEAL and score are independent readings of the same answers (p. 9); the overall SEAL is the lowest SEAL of any answer (p. 9); SEAL prevails, the score compares offers that reach the minimum SEAL (p. 10); per-objective SEAL-2/3/4 requirements (p. 10)',
  },
  {
    title: 'European Commission — Annex: Sovereignty assessment calculator (XLSX, 2026-06-01)',
    url: 'https://commission.europa.eu/document/download/3acb8fe8-8a4a-4339-ae74-f56138d913d1_en',
    use: 'the `annex` weight preset 20/10/10/15/10/15/15/5 % (captioned "Score (examples)"); score = Σ (objective score / objective maximum) × weight',
  },
  {
    title: 'MISP taxonomy "sov" (machine tags of the framework\'s objectives, SEAL levels and weights)',
    url: 'https://github.com/MISP/misp-taxonomies/blob/main/sov/machinetag.json',
    use: 'transcription of the objective descriptions',
  },
  {
    title: 'U.S. DOJ/FTC Horizontal Merger Guidelines (2010) §5.3',
    url: 'https://www.justice.gov/atr/horizontal-merger-guidelines-08192010',
    use: 'HHI bands: below 1,500 unconcentrated, 1,500–2,500 moderately, above 2,500 highly concentrated',
  },
  {
    title: 'Gaia-X Trust Framework / Compliance Document 24.06 (label format) and the gx: credential vocabulary',
    url: 'https://docs.gaia-x.eu/policy-rules-committee/compliance-document/24.06/annex_label_format/',
    use: 'mapping of gx:LegalParticipant, gx:ServiceOffering and label credentials (Label Level 1–3) into components',
  },
  {
    title: 'Korea: CSAP grades (MSIT notice, 31 Jan 2023; high/medium criteria 2024), N²SF Security Guideline 1.0 (NIS, Sept 2025), PIPA, AI Basic Act (Act No. 20676, in force 22 Jan 2026)',
    url: 'https://www.law.go.kr/',
    use: 'the home-law reading of SOV-7 (certifications and compliance) for the Korean context',
  },
];
