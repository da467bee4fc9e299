<?xml version="1.0" encoding="UTF-8"?>
<!-- Test stylesheet that does not compile: a malformed XPath. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <out><xsl:value-of select="count(("/></out>
  </xsl:template>
</xsl:stylesheet>
