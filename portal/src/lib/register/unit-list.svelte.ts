import { UnitsDocument, type UnitFilter, type UnitsQuery } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf } from '$lib/tickets/problems';

export type RegisterUnit = UnitsQuery['units']['edges'][number]['node'];
export type RegisterBuilding = RegisterUnit['building'];

export const PAGE_SIZE = 30;

/** The register (units query) a page at a time; the filter is read afresh on every load. */
export class UnitList extends PagedList<RegisterUnit> {
  /**
   * Buildings met so far, in number order. The API has no list of buildings, and units come in
   * building order, so the filter grows as the unfiltered list is read further.
   */
  buildings = $state<RegisterBuilding[]>([]);

  constructor(filter: () => UnitFilter) {
    super(async (after): Promise<Fetched<RegisterUnit>> => {
      const result = await client.query(UnitsDocument, { filter: filter(), first: PAGE_SIZE, after }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) {
        return { problem: result.error ? problemOf(result.error) : { code: 'unknown', field: null, message: '' } };
      }
      const { edges, pageInfo, totalCount } = result.data.units;
      const items = edges.map((edge) => edge.node);
      this.buildings = mergeBuildings(this.buildings, items.map((unit) => unit.building));
      return { items, totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
    });
  }
}

export function mergeBuildings(known: readonly RegisterBuilding[], seen: readonly RegisterBuilding[]): RegisterBuilding[] {
  const byId = new Map(known.map((b) => [b.id, b]));
  for (const b of seen) byId.set(b.id, b);
  return [...byId.values()].sort((a, b) => a.number - b.number);
}
