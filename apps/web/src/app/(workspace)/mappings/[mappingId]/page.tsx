import { MappingEditor } from "~/editor/mapping-editor";

export default async function MappingEditorPage({
  params,
}: {
  params: Promise<{ mappingId: string }>;
}) {
  const { mappingId } = await params;
  // The editor takes the whole window below the header, outside the page's reading width.
  return (
    <div className="fixed inset-x-0 top-[53px] bottom-0 bg-slate-50">
      <MappingEditor mappingId={mappingId} />
    </div>
  );
}
