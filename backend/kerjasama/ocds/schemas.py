"""OpenAPI shapes of the OCDS answers (documentation: the packages follow the OCDS 1.1.5 package
schemas, kept in ocds/schema/; the releases inside are described there, not here)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class OcdsPublisher(BaseModel):
    name: str = Field(description="The publishing region, e.g. Kota Cimahi")
    uri: str = Field(description="The registry's public address")


class OcdsLinks(BaseModel):
    next: str | None = Field(None, description="The next page of releases; absent on the last page")


class _Package(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    uri: str = Field(description="The address of this package")
    version: str = Field(description="OCDS version: 1.1")
    extensions: list[str] = Field(description="Addresses of the extensions used (our x_ fields)")
    published_date: str = Field(
        alias="publishedDate", description="When the newest data in the package changed"
    )
    publisher: OcdsPublisher = Field(description="Who publishes the data")
    license: str = Field(description="The license of the data")


class ReleasePackage(_Package):
    releases: list[dict[str, Any]] = Field(
        description="OCDS releases (release-schema.json of OCDS 1.1.5 with our extension); empty when "
        "no release of this page falls in the date range"
    )
    links: OcdsLinks = Field(description="Paging: links.next while more processes remain")


class RecordPackage(_Package):
    records: list[dict[str, Any]] = Field(
        description="One record: the process's ocid, its releases and the compiled release (ocdsmerge)"
    )
