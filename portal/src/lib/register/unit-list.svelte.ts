import { BuildingsDocument, UnitsDocument, type UnitFilter, type UnitsQuery } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf } from '$lib/tickets/problems';

export type RegisterUnit = UnitsQuery['units']['edges'][number]['node'];
export type RegisterBuilding = RegisterUnit['building'];

export const PAGE_SIZE = 30;

/** The register (units query) a page at a time; the filter is read afresh on every load. */
export class UnitList extends PagedList<RegisterUnit> {
  /** Every building of the register, in number order, for the filter. */
  buildings = $state<RegisterBuilding[]>([]);

  /** Reads the community's buildings (one small query; the filter stays empty if it fails). */
  async loadBuildings(): Promise<void> {
    const result = await client.query(BuildingsDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) this.buildings = result.data.buildings;
  }

  constructor(filter: () => UnitFilter) {
    super(async (after): Promise<Fetched<RegisterUnit>> => {
      const result = await client.query(UnitsDocument, { filter: filter(), first: PAGE_SIZE, after }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) {
        return { problem: result.error ? problemOf(result.error) : { code: 'unknown', field: null, message: '' } };
      }
      const { edges, pageInfo, totalCount } = result.data.units;
      const items = edges.map((edge) => edge.node);
      return { items, totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
    });
  }
}
