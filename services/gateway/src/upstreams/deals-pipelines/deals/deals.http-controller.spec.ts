import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { SellHttpError } from '../../../sell/sell-error';
import type { DealsGatewayService } from './deals.gateway-service';
import { DealsHttpController } from './deals.http-controller';

const principal: Principal = { tenantId: 't', userId: '1', role: 'user', visibleOwnerIds: ['1'] };

function controller() {
  const list = jest.fn().mockResolvedValue({ deals: [crm.deals.v1.Deal.fromPartial({ id: '3', value: '1000.50', name: 'Big' })], totalCount: 1 });
  const create = jest.fn().mockImplementation(async () => crm.deals.v1.Deal.fromPartial({ id: '4', value: '0.00', name: 'New' }));
  return { sut: new DealsHttpController({ list, create } as unknown as DealsGatewayService), list, create };
}

describe(DealsHttpController.name, () => {
  describe('list', () => {
    it('translates Sell query parameters into the deal filter, id order by default, and answers the Sell collection', async () => {
      const { sut, list } = controller();
      const res = await sut.list(principal, { owner_id: '7', currency: 'eur', stage_category: 'won', hot: 'true', estimated_close_date: '2027-03-31', per_page: '10', with_total_count: 'true' });
      const params = list.mock.calls[0]![1];
      expect(params).toMatchObject({ page: 1, perPage: 10, withTotalCount: true, sort: [{ field: 'id', descending: false }] });
      expect(params.filter).toMatchObject({ ownerId: '7', currency: 'EUR', stageCategory: 'won', hot: true, estimatedCloseDate: '2027-03-31', ownerIds: [] });
      expect(res).toMatchObject({ items: [{ data: { id: 3, name: 'Big', value: '1000.50', next_step: null } }], meta: { type: 'collection', count: 1, total_count: 1 } });
    });

    it('answers an unknown outcome, sort field or parameter as invalid_param without calling the service', async () => {
      const { sut, list } = controller();
      for (const raw of [{ stage_category: 'maybe' }, { sort_by: 'colour' }, { colour: 'red' }]) {
        const error = await sut.list(principal, raw).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(SellHttpError);
        expect((error as SellHttpError).status).toBe(400);
      }
      expect(list).not.toHaveBeenCalled();
    });
  });

  describe('create', () => {
    it('sends the attributes the body carries as the mask, with their gRPC names', async () => {
      const { sut, create } = controller();
      await sut.create(principal, { data: { name: 'New', value: 1000, contact_id: 5, next_step: 'Call back' } });
      const [, input, paths] = create.mock.calls[0]!;
      expect(input).toMatchObject({ name: 'New', value: '1000', contactId: '5', nextStep: 'Call back' });
      expect([...paths].sort()).toEqual(['contact_id', 'name', 'next_step', 'value']);
    });
  });
});
