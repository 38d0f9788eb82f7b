/**
 * One selection shared by every view: the studies chosen for comparison and the sample being
 * inspected. Selecting in one plot or table highlights the same thing everywhere.
 */
class Selection {
  /** Studies selected in the table (compared on the study page and the trade-off plot). */
  studies = $state<string[]>([]);
  /** The inspected sample: a study and a position in it. */
  sample = $state<{ studyId: string; position: number } | null>(null);
  /** The target model whose membership the sample views show. */
  target = $state(0);
  /** Studies kept by a brush on the trade-off plot (null: no filter). */
  brushed = $state<string[] | null>(null);

  toggleStudy(id: string): void {
    this.studies = this.studies.includes(id) ? this.studies.filter((s) => s !== id) : [...this.studies, id];
  }

  selectSample(studyId: string, position: number): void {
    this.sample = { studyId, position };
  }
}

export const selection = new Selection();
