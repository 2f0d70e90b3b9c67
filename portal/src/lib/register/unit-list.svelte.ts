import { BuildingsDocument, UnitsDocument, type UnitFilter, type UnitsQuery } from '@cocreate/schema';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { read, readPage } from '$lib/core/operations';

export type RegisterUnit = UnitsQuery['units']['edges'][number]['node'];
export type RegisterBuilding = RegisterUnit['building'];

export const PAGE_SIZE = 30;

/** The register (units query) a page at a time; the filter is read afresh on every load. */
export class UnitList extends PagedList<RegisterUnit> {
  /** Every building of the register, in number order, for the filter. */
  buildings = $state<RegisterBuilding[]>([]);

  /** Reads the community's buildings (one small query; the filter stays empty if it fails). */
  async loadBuildings(): Promise<void> {
    const done = await read(BuildingsDocument, {}, (d) => d.buildings);
    if (done.ok) this.buildings = done.value;
  }

  constructor(filter: () => UnitFilter) {
    super((after): Promise<Fetched<RegisterUnit>> => readPage(UnitsDocument, { filter: filter(), first: PAGE_SIZE, after }, (d) => d.units));
  }
}
