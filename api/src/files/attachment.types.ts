import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { isImageKind } from './file-kinds.js';
import type { StoredFile } from './stored-file.entity.js';

export enum AttachmentKind {
  IMAGE = 'IMAGE',
  DOCUMENT = 'DOCUMENT',
}
registerEnumType(AttachmentKind, { name: 'AttachmentKind', description: 'A photo (shown, with a thumbnail) or a PDF document (downloaded).' });

@ObjectType('Attachment', { description: 'A photo or PDF attached to something; its URLs answer only viewers who may see that thing.' })
export class AttachmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => AttachmentKind)
  kind!: AttachmentKind;

  @Field(() => String, { description: 'The uploader’s file name, cleaned (a photo’s ends in .webp: what is served).' })
  name!: string;

  @Field(() => String, { description: 'Of what `url` serves: image/webp for photos (upright, without metadata), application/pdf.' })
  contentType!: string;

  @Field(() => Int, { description: 'Bytes of what `url` serves.' })
  size!: number;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;

  @Field(() => String, { nullable: true, description: 'A square thumbnail (photos); same origin, needs the session cookie.' })
  thumbnailUrl!: string | null;

  @Field(() => String, { description: 'The photo at display size, or the document (sent as a download).' })
  url!: string;
}

export function attachmentView(file: StoredFile): AttachmentView {
  const image = isImageKind(file.kind);
  return {
    id: file.id,
    kind: image ? AttachmentKind.IMAGE : AttachmentKind.DOCUMENT,
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    width: file.width,
    height: file.height,
    thumbnailUrl: image && file.thumbnailSha256 ? `/files/${file.id}/thumbnail` : null,
    url: `/files/${file.id}`,
  };
}

@ObjectType('AttachmentPolicy', { description: 'The community’s rules for photos and files.' })
export class AttachmentPolicyView {
  @Field(() => Boolean, {
    description: 'Keep the sender’s original bytes (metadata and all, e.g. GPS) beside the processed photo; never served. Off by default.',
  })
  keepOriginals!: boolean;

  @Field(() => Boolean, { description: 'A repair ticket is resolved only with at least one photo of the finished work.' })
  repairResolutionNeedsPhoto!: boolean;
}

@InputType('AttachmentPolicyInput', { description: 'Each field unchanged when absent.' })
export class AttachmentPolicyInput {
  @Field(() => Boolean, { nullable: true })
  keepOriginals?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  repairResolutionNeedsPhoto?: boolean | null;
}
